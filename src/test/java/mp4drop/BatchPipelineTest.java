package mp4drop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.junit.jupiter.api.Test;

/** The nightly batch folder, run by its Quartz cron, and a missed run caught up at start-up. */
class BatchPipelineTest extends AgainstStandIn {
    private static final Duration WATCH = Duration.ofSeconds(8);

    @Test
    void theCronWorksOnTheBatchFolderAndTheOutputMirrorsItsSubfolders() throws Exception {
        Pipeline pipeline = cloudPipeline()
                .set("mp4drop.batch.cron", "*/2 * * * * ?")
                .set("mp4drop.batch.time-zone", "UTC");
        Files.createDirectories(pipeline.batch.resolve("1998 holidays"));
        Path tape = pipeline.batch.resolve("1998 holidays/beach.avi");
        Files.write(tape, TestVideos.video(1));
        Files.setLastModifiedTime(tape, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        pipeline.runWatching(WATCH);

        assertThat(Pipeline.names(pipeline.outbox.resolve("1998 holidays"))).containsExactly("beach.mp4");
        assertThat(Pipeline.names(pipeline.archive.resolve("1998 holidays"))).containsExactly("beach.avi");
        assertThat(Files.exists(tape)).isFalse();
    }

    @Test
    void aRunMissedWhileDownStartsAtStartUpWhileItsWindowIsOpen() throws Exception {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        ZonedDateTime fired = now.minusMinutes(10);
        Pipeline pipeline = cloudPipeline()
                .set("mp4drop.batch.cron", "0 " + fired.getMinute() + " " + fired.getHour() + " * * ?")
                .set("mp4drop.batch.time-zone", "UTC")
                .set("mp4drop.batch.window-end", now.plusHours(2).format(DateTimeFormatter.ofPattern("HH:mm")));
        Files.createDirectories(pipeline.state);
        Files.writeString(pipeline.state.resolve("batch-last-run"), now.minusDays(1).toInstant().toString());
        Path tape = pipeline.batch.resolve("late.avi");
        Files.createDirectories(pipeline.batch);
        Files.write(tape, TestVideos.video(2));
        Files.setLastModifiedTime(tape, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        pipeline.runWatching(WATCH);

        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("late.mp4");
        assertThat(Pipeline.names(pipeline.archive)).containsExactly("late.avi");
    }

    @Test
    void aFailedRunDoesNotKeepTheNextRunFromStarting() throws Exception {
        Pipeline pipeline = cloudPipeline()
                .set("mp4drop.batch.cron", "*/2 * * * * ?")
                .set("mp4drop.batch.time-zone", "UTC");
        // a folder stands where the run start is recorded: a run fails as it starts, as on a full state disk
        Path blocked = Files.createDirectories(pipeline.state.resolve("batch-last-run").resolve("in the way"));
        Path tape = pipeline.batch.resolve("tape.avi");
        Files.createDirectories(pipeline.batch);
        Files.write(tape, TestVideos.video(3));
        Files.setLastModifiedTime(tape, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        try (CapturedLog log = new CapturedLog("")) {
            CompletableFuture<Integer> watching = CompletableFuture.supplyAsync(() -> {
                try {
                    return pipeline.runWatching(Duration.ofSeconds(30));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await("a run that fails").atMost(Duration.ofSeconds(30))
                    .until(() -> log.at(Level.ERROR).stream().anyMatch(BatchPipelineTest::runStartNotRecorded));
            Files.delete(blocked);
            Files.delete(blocked.getParent());

            await("the next run to convert the tape").atMost(Duration.ofSeconds(30))
                    .until(() -> Pipeline.names(pipeline.outbox).contains("tape.mp4"));
            assertThat(watching.get(60, TimeUnit.SECONDS)).isZero();
            assertThat(log.at(Level.WARN)).extracting(event -> event.getMessage().getFormattedMessage())
                    .noneMatch(message -> message.contains("the previous run is still going"));
        }
        assertThat(Pipeline.names(pipeline.archive)).containsExactly("tape.avi");
    }

    private static boolean runStartNotRecorded(LogEvent event) {
        String thrown = event.getThrown() == null ? "" : String.valueOf(event.getThrown().getMessage());
        return (event.getMessage().getFormattedMessage() + thrown).contains("Cannot record the batch run start");
    }
}
