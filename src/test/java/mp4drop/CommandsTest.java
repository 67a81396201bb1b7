package mp4drop;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import mp4drop.cli.CreditsCommand;
import mp4drop.cli.PlanCommand;
import mp4drop.cli.StatusCommand;
import mp4drop.config.CommandProperties;
import mp4drop.config.TypedProperties;
import org.junit.jupiter.api.Test;

/** ./run.sh --plan, status and credits: answers without converting anything. */
class CommandsTest extends AgainstStandIn {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void planSaysWhatWouldHappenToEachFileAndWhyWithoutTouchingAnything() throws Exception {
        Pipeline pipeline = cloudPipeline();
        pipeline.drop("tape.avi", TestVideos.video(1));
        pipeline.drop("empty.avi", new byte[0]);
        Files.createDirectories(pipeline.inbox.resolve("garden"));
        Files.writeString(pipeline.inbox.resolve("garden/mp4drop.properties"), "engine = local\nresolution = 720p\n");
        pipeline.drop("garden/roses.mkv", TestVideos.video(2));
        pipeline.drop("garden/party.mov", TestVideos.video(3));
        Files.writeString(pipeline.inbox.resolve("garden/party.mov.txt"), "Add background music");

        assertThat(PlanCommand.run(settings(pipeline), out)).isZero();

        String plan = printed.toString(StandardCharsets.UTF_8);
        assertThat(plan).contains("tape.avi").contains("engine nemo").contains("(from default)")
                .contains("empty.avi").contains("would fail: the file is empty")
                .contains("garden/roses.mkv").contains("engine local").contains("720p")
                .contains("folder settings garden/mp4drop.properties")
                .contains("garden/party.mov").contains("background music")
                .contains("4 file(s): 2 would be converted, 2 would fail. Nothing was converted or spent.");
        assertThat(Pipeline.names(pipeline.inbox)).contains("tape.avi", "empty.avi");
        nemo.server.verify(0, anyRequestedFor(urlPathMatching("/api/.*|/run_sse")));
    }

    @Test
    void statusCountsWhatTheStateFolderHolds() throws Exception {
        Pipeline pipeline = cloudPipeline();
        pipeline.drop("done.avi", TestVideos.video(1));
        pipeline.drop("broken.avi", new byte[0]);
        pipeline.runOnce(Duration.ofSeconds(60));
        pipeline.drop("waiting.avi", TestVideos.video(2));

        assertThat(StatusCommand.run(settings(pipeline), out)).isZero();

        String status = printed.toString(StandardCharsets.UTF_8);
        assertThat(status).containsPattern("waiting\\s+1").containsPattern("done\\s+1");
    }

    @Test
    void statusCountsAFileThatFailedAtTheInboxBeforeItHadAJob() throws Exception {
        Pipeline pipeline = cloudPipeline();
        pipeline.drop("broken.avi", new byte[0]);
        pipeline.runOnce(Duration.ofSeconds(60));

        assertThat(StatusCommand.run(settings(pipeline), out)).isZero();

        String status = printed.toString(StandardCharsets.UTF_8);
        assertThat(status).containsPattern("failed\\s+1")
                .containsPattern("broken\\.avi\\s+empty-file\\s+broken\\.avi is empty");
    }

    @Test
    void creditsPrintsTheBalance() throws Exception {
        nemo.server.stubFor(get(urlEqualTo("/api/credits/balance/simple")).willReturn(NemoStandIn.json(
                "{\"code\":0,\"data\":{\"available\":150,\"frozen\":50,\"total\":200}}")));

        assertThat(CreditsCommand.run(settings(cloudPipeline()), out)).isZero();

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("150 available, 50 frozen, 200 in total");
    }

    @Test
    void creditsWithNoApiAnsweringSaysWhichAddressDidNotAnswer() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closed;

        assertThatThrownBy(() -> CreditsCommand.run(settings(cloudPipeline().cloudAt(nowhere)), out))
                .hasMessageContaining(nowhere).hasMessageContaining("did not answer")
                .hasMessageContaining("NEMO_API_URL");
    }

    private static TypedProperties settings(Pipeline pipeline) {
        return CommandProperties.load(Map.copyOf(pipeline.settings()));
    }
}
