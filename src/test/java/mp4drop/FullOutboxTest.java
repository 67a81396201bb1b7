package mp4drop;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import mp4drop.job.Job;
import mp4drop.job.JobRecords;
import mp4drop.job.Stage;
import mp4drop.local.FfmpegProcesses;
import mp4drop.local.FfmpegRun;
import mp4drop.local.TestSources;
import mp4drop.outbox.TinyDisk;
import org.apache.logging.log4j.core.LogEvent;
import org.junit.jupiter.api.Test;

/**
 * The outbox on a disk that is full, or fills up: nothing is blamed on the video, nothing moves to failed/,
 * the original stays in the inbox, and a job that does not fit waits instead of starting.
 */
class FullOutboxTest extends AgainstStandIn {
    private static final Duration LIMIT = Duration.ofMinutes(3);

    @Test
    void aLocalEncodeThatFillsTheDiskSaysSoAndLeavesTheOriginalInTheInboxForTheNextRun() throws Exception {
        Pipeline pipeline = localPipeline();
        try (TinyDisk disk = TinyDisk.mount(pipeline.outbox, 512); CapturedLog log = new CapturedLog()) {
            Path source = noise(pipeline.inbox.resolve("noise.avi"));

            assertThat(pipeline.runOnce(LIMIT)).isEqualTo(3);

            assertThat(source).exists();
            assertThat(Pipeline.names(pipeline.failed)).isEmpty();
            assertThat(Pipeline.names(disk.folder())).isEmpty();
            assertThat(messages(log)).anySatisfy(line -> assertThat(line)
                    .startsWith("noise.avi: not converted [outbox-full]: No space left on the outbox disk ("
                            + pipeline.outbox + "): ")
                    .endsWith("The original stays in the inbox and is tried again on the next run."));
            assertThat(messages(log)).noneMatch(line -> line.contains("ffmpeg-failed"));
            assertThat(JobRecords.read(pipeline.state.resolve("jobs"))).singleElement()
                    .satisfies(job -> assertThat(job.getStage()).isEqualTo(Stage.NEW));
        }
    }

    @Test
    void aLocalEncodeThatCannotFitWaitsForRoomInsteadOfStarting() throws Exception {
        Pipeline pipeline = localPipeline();
        try (TinyDisk disk = TinyDisk.mount(pipeline.outbox, 128); CapturedLog log = new CapturedLog()) {
            Path sources = Files.createDirectories(root.resolve("sources"));
            Files.createDirectories(pipeline.inbox);
            Path tape = Files.move(TestSources.dvAvi(sources), pipeline.inbox.resolve("tape.avi"));

            pipeline.runWatching(Duration.ofSeconds(4));

            assertThat(tape).exists();
            assertThat(Pipeline.names(pipeline.failed)).isEmpty();
            assertThat(messages(log)).filteredOn(line -> line.contains("waiting for room")).singleElement()
                    .asString().startsWith("tape.avi: waiting for room on the outbox disk (" + pipeline.outbox + "): ")
                    .contains("about 7.");
            assertThat(messages(log)).noneMatch(line -> line.contains("converting locally"));
        }
    }

    @Test
    void aDownloadWaitsForRoomAndADiskFullMidDownloadKeepsThePaidRenderForTheNextRun() throws Exception {
        Pipeline pipeline = cloudPipeline();
        pipeline.drop("holiday.avi", TestVideos.video(1));
        nemo.server.stubFor(get(urlEqualTo("/cdn/out.mp4")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "video/mp4").withHeader("Content-Length", "4096")
                .withBody(NemoStandIn.fakeMp4())));
        // room for the render once the filler is gone
        try (TinyDisk disk = TinyDisk.mount(pipeline.outbox, 256); CapturedLog log = new CapturedLog()) {
            disk.fillLeaving(1024);

            pipeline.runWatching(Duration.ofSeconds(3));

            assertThat(messages(log)).filteredOn(line -> line.contains("waiting for room")).singleElement()
                    .asString().contains("about 4.0 KB needed");
            assertThat(pipeline.inbox.resolve("holiday.avi")).exists();

            // without a Content-Length the size is learnt only when the disk is full
            nemo.server.stubFor(get(urlEqualTo("/cdn/out.mp4")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "video/mp4").withBody(NemoStandIn.fakeMp4())
                    .withChunkedDribbleDelay(4, 10)));

            assertThat(pipeline.runOnce(LIMIT)).isEqualTo(3);

            assertThat(messages(log)).anyMatch(line -> line.startsWith(
                    "holiday.avi: not converted [outbox-full]: No space left on the outbox disk"));
            assertThat(pipeline.inbox.resolve("holiday.avi")).exists();
            assertThat(Pipeline.names(pipeline.failed)).isEmpty();
            List<Job> jobs = JobRecords.read(pipeline.state.resolve("jobs"));
            assertThat(jobs).singleElement().satisfies(job -> assertThat(job.getStage()).isEqualTo(Stage.RENDERED));

            Files.delete(disk.folder().resolve(".filler"));
            assertThat(pipeline.runOnce(LIMIT)).isZero();

            assertThat(Pipeline.names(pipeline.outbox)).containsExactly("holiday.mp4");
            nemo.server.verify(1, postRequestedFor(urlEqualTo("/run_sse")));
            nemo.server.verify(3, getRequestedFor(urlEqualTo("/cdn/out.mp4")).withoutHeader("Authorization"));
        }
    }

    private Pipeline localPipeline() {
        return new Pipeline(root).set("mp4drop.engine", "local")
                .set("mp4drop.ffmpeg", TestSources.ffmpeg().path().toString());
    }

    /** A small source whose high-quality MP4 is many times larger: random noise, badly compressed. */
    private static Path noise(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        FfmpegRun.Outcome made = new FfmpegRun(TestSources.ffmpeg(), new FfmpegProcesses()).capture(List.of(
                "-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                "nullsrc=s=160x120:r=25:d=2,geq=random(1)*255:128:128", "-c:v", "mpeg4", "-q:v", "31",
                file.toString()), Duration.ofMinutes(1));
        assertThat(made.exitCode()).as(made.stderr().toString()).isZero();
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 5000));
        return file;
    }

    private static List<String> messages(CapturedLog log) {
        return log.events().stream().map(LogEvent::getMessage).map(message -> message.getFormattedMessage()).toList();
    }
}
