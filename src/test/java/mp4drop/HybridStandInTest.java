package mp4drop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mp4drop.standin.NemoStandInServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming stand-in with an account that runs out of credits and renders that are real MP4s: the cloud
 * converts what the credits pay for, the local engine the rest, and the run ends well.
 */
class HybridStandInTest {
    @TempDir
    Path root;

    private NemoStandInServer standIn;

    @BeforeEach
    void start() throws Exception {
        // 100 credits pay for two instructions; the estimate (25 per file) promises more, so the third is refused
        standIn = NemoStandInServer.withOptions("credits=100", "render-seconds=2", "render-polls=1").start(0);
    }

    @AfterEach
    void stop() {
        standIn.stop();
    }

    @Test
    void aBatchLargerThanTheCreditsConvertsEveryFileTheRestLocally() throws Exception {
        Pipeline pipeline = new Pipeline(root).cloudAt(standIn.url())
                .set("mp4drop.instruction", "Convert this video to MP4 at 480p")
                .set("mp4drop.credits.per-file", "25")
                .set("mp4drop.concurrency", "1");
        for (int file = 1; file <= 3; file++) {
            pipeline.drop("tape " + file + ".avi", TestVideos.video(file));
        }

        assertThat(pipeline.runOnce(Duration.ofSeconds(90))).isEqualTo(0);

        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("tape 1.mp4", "tape 2.mp4", "tape 3.mp4");
        assertThat(Pipeline.names(pipeline.failed)).isEmpty();
        JsonNode seen = standIn.stats();
        assertThat(seen.path("run_sse_total").asInt()).isEqualTo(2);
        assertThat(seen.path("run_sse_out_of_credits").asInt()).isEqualTo(1);
        assertThat(seen.path("downloads_completed").asInt()).isEqualTo(2);
        assertThat(Files.readString(Path.of("target/test-logs/mp4drop.log")))
                .contains("converting locally instead: NemoVideo is out of credits");
    }
}
