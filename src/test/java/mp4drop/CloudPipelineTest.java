package mp4drop;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import mp4drop.local.FfmpegProcesses;
import mp4drop.local.FfmpegRun;
import mp4drop.local.MediaInfo;
import mp4drop.local.MediaProbe;
import mp4drop.local.TestSources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real routes, inbox to outbox, against WireMock standing in for NemoVideo. */
class CloudPipelineTest extends AgainstStandIn {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private Pipeline pipeline;

    @BeforeEach
    void pipeline() {
        pipeline = cloudPipeline();
    }

    @Test
    void convertsAFolderOfMixedFilesAndFailsTheEmptyOne() throws Exception {
        byte[] original = TestVideos.video(0);
        pipeline.drop("holiday.avi", original);
        pipeline.drop("wedding.MOV", original);
        pipeline.drop("with spaces & 'quotes' é.mkv", original);
        pipeline.drop("empty.webm", new byte[0]);
        pipeline.drop("huge.mkv", new byte[2 * 1024 * 1024]);
        pipeline.drop("notes.txt", original);
        pipeline.drop(".hidden.avi", original);
        pipeline.drop("download.avi.part", original);
        pipeline.drop("browser.mov.crdownload", original);
        pipeline.drop("backup.avi~", original);
        Files.createDirectories(pipeline.outbox);
        Files.writeString(pipeline.outbox.resolve("wedding.mp4"), "a person's own file, never overwritten");
        nemo.server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        pipeline.set("mp4drop.max-file-size", "1MB").set("mp4drop.webhook.url", nemo.url() + "/hook");

        int exit = pipeline.runOnce(LIMIT);

        assertThat(exit).isEqualTo(1);
        assertThat(Pipeline.names(pipeline.outbox))
                .containsExactly("holiday.mp4", "wedding (2).mp4", "wedding.mp4", "with spaces & 'quotes' é.mp4");
        assertThat(Files.readString(pipeline.outbox.resolve("wedding.mp4"))).startsWith("a person's own file");
        // the render, given the original's date (its file time here) by a stream copy
        MediaInfo published = new MediaProbe(new FfmpegRun(TestSources.ffmpeg(), new FfmpegProcesses()))
                .probe(pipeline.outbox.resolve("holiday.mp4"));
        assertThat(published.durationSeconds()).isEqualTo(TestVideos.SECONDS);
        assertThat(published.recorded().instant()).isEqualTo(Files.getLastModifiedTime(
                pipeline.archive.resolve("holiday.avi")).toInstant().truncatedTo(ChronoUnit.SECONDS));
        assertThat(Pipeline.names(pipeline.archive))
                .containsExactly("holiday.avi", "wedding.MOV", "with spaces & 'quotes' é.mkv");
        assertThat(Files.readAllBytes(pipeline.archive.resolve("holiday.avi"))).isEqualTo(original);
        assertThat(Pipeline.names(pipeline.failed))
                .containsExactly("empty.webm", "empty.webm.error.json", "huge.mkv", "huge.mkv.error.json");
        assertThat(Files.readString(pipeline.failed.resolve("empty.webm.error.json")))
                .contains("\"code\" : \"empty-file\"").contains("\"hint\"");
        assertThat(Files.readString(pipeline.failed.resolve("huge.mkv.error.json"))).contains("too-large");
        assertThat(Pipeline.names(pipeline.inbox)).containsExactly(
                ".hidden.avi", "backup.avi~", "browser.mov.crdownload", "download.avi.part", "notes.txt");
        nemo.server.verify(5, postRequestedFor(urlEqualTo("/hook")));
        nemo.server.verify(3, postRequestedFor(urlEqualTo("/hook"))
                .withRequestBody(matchingJsonPath("$.event", equalTo("converted"))));
        nemo.server.verify(3, postRequestedFor(urlPathMatching("/api/upload-video/.*")));

        nemo.server.verify(3, postRequestedFor(urlEqualTo("/run_sse"))
                .withHeader("Authorization", equalTo("Bearer " + NemoStandIn.TOKEN))
                .withHeader("X-Skill-Source", equalTo("video-converter-best"))
                .withRequestBody(matchingJsonPath("$.session_id", equalTo(NemoStandIn.SESSION))));
        nemo.server.verify(1, postRequestedFor(urlEqualTo("/api/auth/anonymous-token")));
        nemo.server.verify(3, getRequestedFor(urlEqualTo("/cdn/out.mp4")).withoutHeader("Authorization"));
        assertNoSecretsIn(pipeline.failed);
    }

    @Test
    void aDroppedStreamIsSettledByReadingTheStateNeverByResending() throws Exception {
        nemo.server.stubFor(post(urlEqualTo("/run_sse")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));
        pipeline.drop("tape.avi", TestVideos.video(1));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("tape.mp4");
        nemo.server.verify(1, postRequestedFor(urlEqualTo("/run_sse")));
    }

    @Test
    void aSilentTurnWhoseDraftAppearsLaterStillConverts() throws Exception {
        nemo.server.stubFor(post(urlEqualTo("/run_sse")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(": ping\n\ndata:\n\n")));
        String state = "/api/state/nemo_agent/me/.*/latest";
        nemo.server.stubFor(get(urlPathMatching(state)).inScenario("draft").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(NemoStandIn.json("{\"code\":0,\"data\":{\"state\":{\"draft\":{}}}}"))
                .willSetStateTo("ready"));
        nemo.server.stubFor(get(urlPathMatching(state)).inScenario("draft").whenScenarioStateIs("ready")
                .willReturn(NemoStandIn.json("{\"code\":0,\"data\":{\"state\":{\"draft\":" + NemoStandIn.DRAFT + "}}}")));
        pipeline.drop("quiet.mkv", TestVideos.video(1));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("quiet.mp4");
        nemo.server.verify(1, postRequestedFor(urlEqualTo("/run_sse")));
    }

    @Test
    void aFailedRenderIsSubmittedOnceMoreWithANewId() throws Exception {
        String status = "/api/render/proxy/lambda/.*";
        nemo.server.stubFor(get(urlPathMatching(status)).inScenario("render").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(NemoStandIn.json("{\"success\":true,\"data\":{\"status\":\"processing\",\"progress\":40}}"))
                .willSetStateTo("failing"));
        nemo.server.stubFor(get(urlPathMatching(status)).inScenario("render").whenScenarioStateIs("failing")
                .willReturn(NemoStandIn.json("{\"success\":true,\"data\":{\"status\":\"failed\",\"error\":\"lambda crashed\"}}"))
                .willSetStateTo("second"));
        nemo.server.stubFor(get(urlPathMatching(status)).inScenario("render").whenScenarioStateIs("second")
                .willReturn(NemoStandIn.json("{\"success\":true,\"data\":{\"status\":\"completed\",\"progress\":100,"
                        + "\"outputUrl\":\"" + nemo.url() + "/cdn/out.mp4\"}}")));
        pipeline.drop("retry.avi", TestVideos.video(1));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("retry.mp4");
        var submissions = nemo.server.findAll(postRequestedFor(urlEqualTo("/api/render/proxy/lambda")));
        assertThat(submissions).hasSize(2);
        String firstId = submissions.get(0).getBodyAsString().replaceAll(".*\"id\":\"(render_[^\"]+)\".*", "$1");
        assertThat(submissions.get(1).getBodyAsString()).doesNotContain(firstId).contains("\"sessionId\"");
    }

    @Test
    void outOfCreditsLeavesTheFilesInTheInboxAndExitsThree() throws Exception {
        nemo.server.stubFor(post(urlEqualTo("/run_sse")).willReturn(NemoStandIn.json(
                "{\"code\":2001,\"message\":\"Insufficient credits\"}")));
        pipeline.set("mp4drop.engine.fallback", "none");
        pipeline.drop("a.avi", TestVideos.video(1));
        pipeline.drop("b.avi", TestVideos.video(2));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(3);

        assertThat(Pipeline.names(pipeline.inbox)).contains("a.avi", "b.avi");
        assertThat(Pipeline.names(pipeline.failed)).isEmpty();
        assertThat(Pipeline.names(pipeline.outbox)).isEmpty();
    }

    @Test
    void aTruncatedDownloadNeverAppearsInTheOutbox() throws Exception {
        nemo.server.stubFor(get(urlEqualTo("/cdn/out.mp4")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "video/mp4").withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
        pipeline.set("mp4drop.retry.max-attempts", "2");
        byte[] original = TestVideos.video(4);
        pipeline.drop("cut.avi", original);

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(1);

        assertThat(Pipeline.names(pipeline.outbox)).isEmpty();
        assertThat(Pipeline.names(pipeline.failed)).containsExactly("cut.avi", "cut.avi.error.json");
        assertThat(Files.readAllBytes(pipeline.failed.resolve("cut.avi"))).isEqualTo(original);
        assertThat(Files.readString(pipeline.failed.resolve("cut.avi.error.json"))).contains("\"stage\" : \"download\"");
    }

    @Test
    void unsupportedTypeFailsThatFileWithTheAcceptedTypes() throws Exception {
        nemo.server.stubFor(post(urlPathMatching("/api/upload-video/.*")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":4001,\"message\":\"Unsupported file type\"}")));
        pipeline.drop("odd.webm", TestVideos.video(1));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(1);

        String error = Files.readString(pipeline.failed.resolve("odd.webm.error.json"));
        assertThat(error).contains("\"code\" : \"4001\"").contains("mkv");
        nemo.server.verify(0, postRequestedFor(urlEqualTo("/run_sse")));
    }

    private static void assertNoSecretsIn(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).doesNotContain(NemoStandIn.TOKEN);
            }
        }
    }
}
