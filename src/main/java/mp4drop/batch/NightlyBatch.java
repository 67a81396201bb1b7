package mp4drop.batch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import mp4drop.report.InboxListing;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly batch of routes/50-batch.camel.yaml: which files of the batch folder a run takes, whether its
 * window is still open, and whether a run was missed while mp4drop was down.
 */
public final class NightlyBatch {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");

    private final Path folder;
    private final List<String> extensions;
    private final Duration stableTime;
    private final BatchSchedule schedule;
    private final LastBatchRun lastRun;
    private final Clock clock;
    private final Consumer<Integer> creditEstimate;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Instant runStartedAt;

    /** @param creditEstimate told how many files a run takes, to read the balance before cloud work */
    public NightlyBatch(Path folder, List<String> extensions, Duration stableTime, BatchSchedule schedule,
            LastBatchRun lastRun, Clock clock, Consumer<Integer> creditEstimate) {
        this.creditEstimate = creditEstimate;
        this.folder = folder;
        this.extensions = extensions;
        this.stableTime = stableTime;
        this.schedule = schedule;
        this.lastRun = lastRun;
        this.clock = clock;
    }

    public Path folder() {
        return folder;
    }

    /**
     * At start-up: true when a scheduled run was missed and its window is still open. The very first start
     * only notes the time: there was no run to miss before mp4drop was set up.
     */
    public boolean missedRunToCatchUp() {
        Optional<Instant> last = lastRun.read();
        if (last.isEmpty()) {
            lastRun.write(clock.instant());
            return false;
        }
        return schedule.missedRun(clock.instant(), last.get())
                .map(missed -> {
                    LOG.info("Nightly batch of {} was missed while mp4drop was down; starting it now", missed);
                    return true;
                })
                .orElse(false);
    }

    /** True when a run may start; false (and one warning) while the previous run is still going. */
    public boolean start() {
        if (!running.compareAndSet(false, true)) {
            LOG.warn("Nightly batch: the previous run is still going; this one is skipped");
            return false;
        }
        return true;
    }

    /** The started run's files: the videos of the batch folder that are not being written any more. */
    public List<File> open() throws IOException {
        runStartedAt = clock.instant();
        lastRun.write(runStartedAt);
        Instant settled = runStartedAt.minus(stableTime);
        List<File> files = InboxListing.videos(folder, extensions).stream()
                .filter(file -> lastModified(file).isBefore(settled))
                .map(Path::toFile)
                .toList();
        LOG.info("Nightly batch: {} file(s) in {}{}", files.size(), folder,
                schedule.windowEnd(runStartedAt).map(end -> ", no new file starts after " + end).orElse(""));
        if (!files.isEmpty()) {
            creditEstimate.accept(files.size());
        }
        return files;
    }

    /** When the schedule starts the next run; empty when the cron expression never fires again. */
    public Optional<Instant> nextRun() {
        return Optional.ofNullable(schedule.nextRun(clock.instant()));
    }

    public boolean windowOpen() {
        return schedule.windowOpen(clock.instant(), runStartedAt);
    }

    /** Makes a batch file look like one the inbox consumer took, for the steps shared with the inbox. */
    public void asFileMessage(Message message) {
        File file = message.getBody(File.class);
        message.setHeader(Exchange.FILE_PATH, file.getAbsolutePath());
        message.setHeader(Exchange.FILE_NAME, folder.relativize(file.toPath()).toString());
        message.setHeader(Exchange.FILE_NAME_ONLY, file.getName());
    }

    /** Ends the started run, also one that failed, so that the next run starts. */
    public void close() {
        running.set(false);
        LOG.info("Nightly batch: every file of this run has been started");
    }

    private static Instant lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException vanished) {
            return Instant.MAX;
        }
    }
}
