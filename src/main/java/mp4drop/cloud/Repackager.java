package mp4drop.cloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import mp4drop.job.Job;
import mp4drop.local.FfmpegRun;
import mp4drop.local.ScratchFolder;
import mp4drop.local.SourceInput;
import mp4drop.outbox.Outbox;
import mp4drop.report.HumanReadable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a file the cloud would refuse into a container it takes, without re-encoding: FFmpeg copies the first
 * video stream and every audio stream into a hidden file of the state folder, which is deleted when the upload
 * is done.
 */
public final class Repackager {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");
    // a stream copy runs at disk speed; this only stops a hang on a broken share
    private static final Duration TIME_LIMIT = Duration.ofMinutes(30);

    private final Supplier<FfmpegRun> run;
    private final ScratchFolder folder;
    private final long limit;

    /** @param limit nemo.max-upload-size */
    /** @param run FFmpeg, once start-up has found it */
    public Repackager(Supplier<FfmpegRun> run, ScratchFolder folder, long limit) {
        this.run = run;
        this.folder = folder;
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    /** @throws NotForCloud when the copy fails or comes out over the limit (then nothing is left behind) */
    UploadSource prepare(Job job, CloudFit fit) throws IOException {
        String uploadName = Outbox.baseName(job.getName()) + "." + fit.uploadExtension();
        if (fit.way() != CloudFit.Way.REPACKAGED) {
            return new UploadSource(job.sourcePath(), fit.way() == CloudFit.Way.AS_IS ? job.getName() : uploadName,
                    false);
        }
        Path copy = folder.file(job.getId() + "." + fit.uploadExtension());
        long started = System.nanoTime();
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-v", "error", "-y",
                "-fflags", "+genpts"));
        args.addAll(inputOf(job));
        // -fs: a copy that grows past the limit is stopped there rather than written whole to be thrown away
        args.addAll(List.of("-map", "0:v:0", "-map", "0:a?", "-c", "copy", "-max_muxing_queue_size", "4096",
                "-fs", String.valueOf(limit + 1), "-f", fit.uploadExtension().equals("mp4") ? "mp4" : "matroska",
                copy.toString()));
        FfmpegRun.Outcome outcome = run.get().capture(args, TIME_LIMIT);
        long size = Files.exists(copy) ? Files.size(copy) : 0;
        if (outcome.exitCode() != 0 || size == 0) {
            Files.deleteIfExists(copy);
            throw new NotForCloud(job.getName(), CloudFit.notRepackageable(job.getMedia()));
        }
        if (size > limit) {
            Files.deleteIfExists(copy);
            throw new NotForCloud(job.getName(), CloudFit.tooLarge(job.getSize(), limit));
        }
        LOG.info("{}: repackaged into {} for the cloud by stream copy ({} in {})", job.getName(), fit.uploadExtension(),
                HumanReadable.size(size), HumanReadable.since(started));
        return new UploadSource(copy, uploadName, true);
    }

    /** How FFmpeg reads the job's original: one file, or a DVD title's parts joined, as input #0. */
    private static List<String> inputOf(Job job) {
        return List.of("-i", SourceInput.of(job.sourcePath()));
    }
}
