package mp4drop.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mp4drop.job.DvdTitle;
import mp4drop.job.Job;
import mp4drop.job.JobStore;
import mp4drop.job.Sidecar;
import org.apache.camel.spi.IdempotentRepository;

/**
 * Moves an original video, and the sidecar instruction beside it if there is one, out of the inbox to the
 * same folder (archive or failed). The inbox consumer remembers the paths it took
 * (routes/10-inbox.camel.yaml, {@code inboxTaken}); a path is forgotten once its original has left, so a
 * file a person puts back (or a new one under the same name) is taken again.
 */
public final class Originals {
    private final JobStore jobs;
    private final IdempotentRepository inboxTaken;

    public Originals(JobStore jobs, IdempotentRepository inboxTaken) {
        this.jobs = jobs;
        this.inboxTaken = inboxTaken;
    }

    /**
     * For a file with a job: the new name is recorded first, so a kill mid-move cannot make two copies.
     * Null when the original is no longer there.
     */
    Path move(Job job, Path folder) throws IOException {
        Path video = job.sourcePath();
        Path moved = FreeName.moveRecorded(video, folder, job.getName(), job.getOriginalMovedTo(), target -> {
            job.originalMovingTo(target);
            jobs.save(job);
        });
        if (moved != null) {
            moveSidecar(video, moved);
        }
        moveLaterParts(video, folder);
        return moved;
    }

    /** For a file that failed before it had a job. */
    Path move(Path video, Path folder) throws IOException {
        Path moved = FreeName.moveTo(video, folder, video.getFileName().toString());
        moveSidecar(video, moved);
        moveLaterParts(video, folder);
        return moved;
    }

    /** A DVD title's later parts go where its first went; after a kill mid-way, the ones left go now. */
    private static void moveLaterParts(Path video, Path folder) throws IOException {
        for (Path part : DvdTitle.startingAt(video).map(DvdTitle::laterParts).orElse(List.of())) {
            Path before = folder.resolve(part.getFileName());
            if (Files.exists(before) && Files.isSameFile(part, before)) {
                Files.delete(part);
            } else {
                FreeName.moveTo(part, folder, part.getFileName().toString());
            }
        }
    }

    private void moveSidecar(Path video, Path moved) throws IOException {
        // the same key as the consumer's ${file:absolute.path}
        inboxTaken.remove(video.toAbsolutePath().toString());
        Path sidecar = Sidecar.of(video);
        if (Files.isRegularFile(sidecar)) {
            FreeName.moveTo(sidecar, moved.getParent(), moved.getFileName() + Sidecar.SUFFIX);
        }
    }
}
