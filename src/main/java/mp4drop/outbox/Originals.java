package mp4drop.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mp4drop.job.Job;
import mp4drop.job.JobStore;
import mp4drop.job.Sidecar;

/** Moves an original video, and the sidecar instruction beside it if there is one, to the same folder. */
final class Originals {
    private Originals() {
    }

    /**
     * For a file with a job: the new name is recorded first, so a kill mid-move cannot make two copies.
     * Null when the original is no longer there.
     */
    static Path move(Job job, Path folder, JobStore jobs) throws IOException {
        Path video = job.sourcePath();
        Path moved = FreeName.moveRecorded(video, folder, job.name, job.originalMovedTo, target -> {
            job.originalMovedTo = target.toString();
            jobs.save(job);
        });
        if (moved != null) {
            moveSidecar(video, moved);
        }
        return moved;
    }

    /** For a file that failed before it had a job. */
    static Path move(Path video, Path folder) throws IOException {
        Path moved = FreeName.moveTo(video, folder, video.getFileName().toString());
        moveSidecar(video, moved);
        return moved;
    }

    private static void moveSidecar(Path video, Path moved) throws IOException {
        Path sidecar = Sidecar.of(video);
        if (Files.isRegularFile(sidecar)) {
            FreeName.moveTo(sidecar, moved.getParent(), moved.getFileName() + Sidecar.SUFFIX);
        }
    }
}
