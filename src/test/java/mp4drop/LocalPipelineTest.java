package mp4drop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mp4drop.local.FfmpegProcesses;
import mp4drop.local.FfmpegRun;
import mp4drop.local.MediaInfo;
import mp4drop.local.MediaProbe;
import mp4drop.local.TestSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real routes with the local engine: a camcorder tape in, a web-ready MP4 out, bad input failed. */
class LocalPipelineTest {
    private static final Duration LIMIT = Duration.ofMinutes(3);

    @TempDir
    Path root;

    @Test
    void withoutTheCloudAutoChoosesLocalAndAnExplicitCloudIsAStartUpError() throws Exception {
        String nowhere = "http://127.0.0.1:9";
        Pipeline pipeline = new Pipeline(root).set("nemo.api-url", nowhere).set("nemo.probe-timeout", "1s")
                .set("mp4drop.ffmpeg", TestSources.ffmpeg().path().toString());

        assertThat(pipeline.set("mp4drop.engine", "nemo").runOnce(LIMIT)).isEqualTo(2);
        assertThat(pipeline.set("mp4drop.engine", "auto").runOnce(LIMIT)).isEqualTo(0);
        assertThat(Files.readString(Path.of("target/test-logs/mp4drop.log")))
                .contains("Engine: local (the NemoVideo API at 127.0.0.1 does not answer)");
    }

    @Test
    void convertsADvTapeAndFailsGarbageAndCloudOnlyWishesWithReasons() throws Exception {
        Path sources = Files.createDirectories(root.resolve("sources"));
        Pipeline pipeline = new Pipeline(root)
                .set("mp4drop.engine", "local")
                .set("mp4drop.ffmpeg", TestSources.ffmpeg().path().toString());
        Files.createDirectories(pipeline.inbox.resolve("music video"));
        Files.move(TestSources.dvAvi(sources), pipeline.inbox.resolve("tape 1.avi"));
        Files.move(TestSources.movAac(sources), pipeline.inbox.resolve("music video/party.mov"));
        Files.writeString(pipeline.inbox.resolve("music video/party.mov.txt"), "Add background music and titles");
        Files.move(TestSources.garbageAvi(sources), pipeline.inbox.resolve("garbage.avi"));
        byte[] tape = Files.readAllBytes(pipeline.inbox.resolve("tape 1.avi"));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(1);

        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("tape 1.mp4");
        MediaInfo output = new MediaProbe(new FfmpegRun(TestSources.ffmpeg(), new FfmpegProcesses()))
                .probe(pipeline.outbox.resolve("tape 1.mp4"));
        assertThat(output.width()).isEqualTo(1440);
        assertThat(output.height()).isEqualTo(1080);
        assertThat(output.videoCodec()).isEqualTo("h264");
        assertThat(output.interlaced()).isFalse();
        assertThat(Files.readAllBytes(pipeline.archive.resolve("tape 1.avi"))).isEqualTo(tape);
        assertThat(Files.readString(pipeline.failed.resolve("garbage.avi.error.json"))).contains("not-a-video");
        assertThat(Pipeline.names(pipeline.failed.resolve("music video")))
                .containsExactly("party.mov", "party.mov.error.json", "party.mov.txt");
        assertThat(Files.readString(pipeline.failed.resolve("music video/party.mov.error.json")))
                .contains("needs-cloud");
    }

    @Test
    void aFailedFileMovedBackIntoTheInboxIsTakenAgainWhileWatching() throws Exception {
        Path sources = Files.createDirectories(root.resolve("sources"));
        Pipeline pipeline = new Pipeline(root)
                .set("mp4drop.engine", "local")
                .set("mp4drop.ffmpeg", TestSources.ffmpeg().path().toString())
                // the encode must end within the watch below, also on a busy machine: 480p, not 1080p
                .set("mp4drop.instruction", "Convert this video to MP4 at 480p");
        Files.createDirectories(pipeline.inbox);
        Files.move(TestSources.movAac(sources), pipeline.inbox.resolve("party.mov"));
        Files.writeString(pipeline.inbox.resolve("party.mov.txt"), "Add background music and titles");
        CompletableFuture<Integer> watching = CompletableFuture.supplyAsync(() -> {
            try {
                return pipeline.runWatching(Duration.ofSeconds(20));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        awaitFile(pipeline.failed.resolve("party.mov.error.json"));
        // the person drops the wish the local engine cannot do, and moves the video back as it is: a plain
        // move keeps its path, size and modification time
        Files.delete(pipeline.failed.resolve("party.mov.txt"));
        Files.move(pipeline.failed.resolve("party.mov"), pipeline.inbox.resolve("party.mov"));
        awaitFile(pipeline.outbox.resolve("party.mp4"));

        assertThat(watching.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(Pipeline.names(pipeline.archive)).containsExactly("party.mov");
    }

    private static void awaitFile(Path file) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(file).exists());
    }
}
