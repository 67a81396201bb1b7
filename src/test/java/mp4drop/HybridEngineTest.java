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

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import mp4drop.job.Job;
import mp4drop.job.JsonMapping;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 11: look before paying, fall back to the local engine when the cloud cannot, check what comes back. */
class HybridEngineTest extends AgainstStandIn {
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final String SSE = "/run_sse";
    private static final String EXPORT = "/api/render/proxy/lambda";

    private Pipeline pipeline;

    @BeforeEach
    void pipeline() {
        // a small picture keeps the local encodes quick
        pipeline = cloudPipeline().set("mp4drop.instruction", "Convert this video to MP4 at 480p");
    }

    @Test
    void aBatchLargerThanTheCreditEstimateConvertsEveryFileTheFirstOnTheCloudTheRestLocally() throws Exception {
        nemo.server.stubFor(get(urlEqualTo("/api/credits/balance/simple")).willReturn(NemoStandIn.json(
                "{\"available\":50,\"frozen\":0,\"total\":50}")));
        nemo.server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        pipeline.set("mp4drop.concurrency", "1").set("mp4drop.webhook.url", nemo.url() + "/hook");
        for (String name : List.of("a.avi", "b.avi", "c.avi")) {
            pipeline.drop(name, TestVideos.video(name.charAt(0)));
        }

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("a.mp4", "b.mp4", "c.mp4");
        assertThat(Pipeline.names(pipeline.archive)).containsExactly("a.avi", "b.avi", "c.avi");
        List<Job> jobs = jobs();
        assertThat(jobs).extracting(Job::getEngineUsed).containsExactlyInAnyOrder("nemo",
                "local: the credits read before this batch do not cover it",
                "local: the credits read before this batch do not cover it");
        assertThat(jobs).allSatisfy(job -> assertThat(job.getMedia().durationSeconds).isEqualTo(TestVideos.SECONDS));
        nemo.server.verify(1, postRequestedFor(urlEqualTo(SSE)));
        nemo.server.verify(1, postRequestedFor(urlPathMatching("/api/upload-video/.*")));
        nemo.server.verify(2, postRequestedFor(urlEqualTo("/hook")).withRequestBody(matchingJsonPath("$.engine",
                equalTo("local: the credits read before this batch do not cover it"))));
        assertThat(log()).contains("enough for 1 of 3 waiting files; the rest are converted locally");
    }

    @Test
    void anExportRefusedByThePlanIsConvertedLocallyAndTheLogSaysTheCreditsAreSpent() throws Exception {
        nemo.server.stubFor(post(urlEqualTo(EXPORT)).willReturn(aResponse().withStatus(402)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Upgrade required\"}")));
        pipeline.drop("plan.avi", TestVideos.video(1));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("plan.mp4");
        assertThat(Pipeline.names(pipeline.archive)).containsExactly("plan.avi");
        Job job = jobs().get(0);
        assertThat(job.getEngine()).isEqualTo("local");
        assertThat(job.getFallback()).isEqualTo("export-refused");
        assertThat(job.getEngineUsed()).isEqualTo("local: NemoVideo's plan refused the export (402)");
        assertThat(log()).contains("plan.avi: the cloud cannot deliver it (NemoVideo's plan refused the export (402)); "
                + "its instruction was already sent and the credits for it are spent; converting it locally from the "
                + "original");
        nemo.server.verify(1, postRequestedFor(urlEqualTo(SSE)));
    }

    @Test
    void aNonVideoAndATruncatedFileFailAtTheInboxAndAreNeverUploaded() throws Exception {
        byte[] junk = new byte[64 * 1024];
        new Random(11).nextBytes(junk);
        byte[] video = TestVideos.video(1);
        pipeline.drop("junk.avi", junk);
        pipeline.drop("cut.avi", Arrays.copyOf(video, video.length / 2));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(1);

        assertThat(Files.readString(pipeline.failed.resolve("junk.avi.error.json")))
                .contains("\"stage\" : \"inbox\"").contains("\"code\" : \"not-a-video\"");
        assertThat(Files.readString(pipeline.failed.resolve("cut.avi.error.json")))
                .contains("\"stage\" : \"inbox\"").contains("\"code\" : \"truncated\"").contains("incomplete");
        nemo.server.verify(0, postRequestedFor(urlPathMatching("/api/upload-video/.*")));
        nemo.server.verify(0, postRequestedFor(urlEqualTo(SSE)));
    }

    @Test
    void aRenderOfTheWrongLengthIsExportedOnceMoreThenConvertedLocally() throws Exception {
        serveRenderOf(6);
        pipeline.drop("long.avi", TestVideos.video(1));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

        nemo.server.verify(2, postRequestedFor(urlEqualTo(EXPORT)));
        nemo.server.verify(2, getRequestedFor(urlEqualTo("/cdn/out.mp4")));
        nemo.server.verify(1, postRequestedFor(urlEqualTo(SSE)));
        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("long.mp4");
        assertThat(jobs().get(0).getFallback()).isEqualTo("bad-render");
        assertThat(log()).contains("long.avi: The render from the cloud is not right: duration: expected 2.00 s");
    }

    @Test
    void withoutTheFallbackARenderOfTheWrongLengthFailsWithBothLengths() throws Exception {
        serveRenderOf(6);
        pipeline.set("mp4drop.engine.fallback", "none");
        pipeline.drop("long.avi", TestVideos.video(1));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(1);

        nemo.server.verify(2, postRequestedFor(urlEqualTo(EXPORT)));
        assertThat(Pipeline.names(pipeline.outbox)).isEmpty();
        assertThat(Files.readString(pipeline.failed.resolve("long.avi.error.json")))
                .contains("\"code\" : \"bad-render\"").contains("expected 2.00 s").contains("found 6.00 s");
    }

    @Test
    void anInstructionOnlyTheCloudUnderstandsStillWaitsInTheInboxWhenTheCreditsAreSpent() throws Exception {
        nemo.server.stubFor(post(urlEqualTo(SSE)).willReturn(NemoStandIn.json(
                "{\"code\":2001,\"message\":\"Insufficient credits\"}")));
        pipeline.set("mp4drop.instruction", "Convert this video to MP4 and add background music");
        pipeline.drop("song.avi", TestVideos.video(1));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(3);

        assertThat(Pipeline.names(pipeline.inbox)).containsExactly("song.avi");
        assertThat(Pipeline.names(pipeline.outbox)).isEmpty();
    }

    @Test
    void aRefusedUserTokenIsConvertedLocallyInsteadOfStoppingTheRun() throws Exception {
        nemo.server.stubFor(post(urlEqualTo("/api/tasks/me/with-session/nemo_agent")).willReturn(aResponse()
                .withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":1001,\"message\":\"Token invalid\"}")));
        pipeline.set("nemo.token", "nmv_usr_wrong_user_token");
        pipeline.drop("mine.avi", TestVideos.video(1));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("mine.mp4");
        assertThat(jobs().get(0).getEngineUsed()).isEqualTo("local: NemoVideo refused the token");
    }

    @Test
    void anUnknownFallbackIsAStartUpErrorThatNamesTheSetting() throws Exception {
        pipeline.set("mp4drop.engine.fallback", "cloud");

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(2);

        assertThat(log()).contains("mp4drop.engine.fallback (MP4DROP_ENGINE_FALLBACK) = 'cloud' is not usable: expected local or none");
    }

    private void serveRenderOf(double seconds) {
        nemo.server.stubFor(get(urlEqualTo("/cdn/out.mp4")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "video/mp4").withBody(TestVideos.render(seconds))));
    }

    private List<Job> jobs() throws Exception {
        try (Stream<Path> files = Files.list(pipeline.state.resolve("jobs"))) {
            return files.filter(file -> file.toString().endsWith(".json")).map(file -> {
                try {
                    return JsonMapping.MAPPER.readValue(file.toFile(), Job.class);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    private static String log() throws Exception {
        return Files.readString(Path.of("target/test-logs/mp4drop.log"));
    }
}
