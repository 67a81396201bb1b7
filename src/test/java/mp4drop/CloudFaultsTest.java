package mp4drop;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every error row of the API contract, each ending with the file in a defined place. */
class CloudFaultsTest extends AgainstStandIn {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String STATE = "/api/state/nemo_agent/me/.*/latest";
    private static final String STATUS = "/api/render/proxy/lambda/.*";
    private static final String SESSION = "/api/tasks/me/with-session/nemo_agent";

    private Pipeline pipeline;

    @BeforeEach
    void pipeline() {
        pipeline = cloudPipeline();
    }

    @Test
    void theSameContentUnderAnotherNameIsNotConvertedTwice() throws Exception {
        byte[] tape = TestVideos.video(7);
        pipeline.drop("first.avi", tape);
        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);
        pipeline.drop("copy of first.avi", tape);

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("first.mp4");
        assertThat(Pipeline.names(pipeline.archive))
                .containsExactly("copy of first.avi", "copy of first.avi.duplicate.txt", "first.avi");
        assertThat(Files.readString(pipeline.archive.resolve("copy of first.avi.duplicate.txt"))).contains("first.mp4");
        nemo.server.verify(1, postRequestedFor(urlEqualTo("/run_sse")));
    }

    @Test
    void reconversionCanBeForced() throws Exception {
        byte[] tape = TestVideos.video(7);
        pipeline.drop("first.avi", tape);
        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);
        pipeline.drop("again.avi", tape);

        assertThat(pipeline.set("mp4drop.reconvert-duplicates", "true").runOnce(LIMIT)).isEqualTo(0);

        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("again.mp4", "first.mp4");
    }

    @Test
    void aRejectedUserTokenStopsTheRunAndLeavesTheFiles() throws Exception {
        nemo.server.stubFor(post(urlEqualTo(SESSION)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":1001,\"message\":\"Token invalid\"}")));
        pipeline.set("nemo.token", "nmv_usr_wrong_user_token");
        pipeline.set("mp4drop.engine.fallback", "none");
        pipeline.drop("mine.avi", TestVideos.video(1));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(2);

        assertThat(Pipeline.names(pipeline.inbox)).contains("mine.avi");
        assertThat(Pipeline.names(pipeline.failed)).isEmpty();
        assertThat(Files.readString(Path.of("target/test-logs/mp4drop.log"))).doesNotContain("nmv_usr_wrong_user_token");
    }

    @Test
    void anExpiredAnonymousTokenIsRenewedWithTheSameClientIdAndTheCallRetriedOnce() throws Exception {
        nemo.server.stubFor(post(urlEqualTo(SESSION)).inScenario("expiry").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(NemoStandIn.json("{\"code\":1001,\"message\":\"Token expired\"}")).willSetStateTo("renewed"));
        nemo.server.stubFor(post(urlEqualTo(SESSION)).inScenario("expiry").whenScenarioStateIs("renewed")
                .willReturn(NemoStandIn.json("{\"code\":0,\"data\":{\"task_id\":\"t\",\"session_id\":\"42\"}}")));
        pipeline.drop("old.avi", TestVideos.video(1));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

        var tokenCalls = nemo.server.findAll(postRequestedFor(urlEqualTo("/api/auth/anonymous-token")));
        assertThat(tokenCalls).hasSize(2);
        assertThat(tokenCalls.get(1).getHeader("X-Client-Id")).isEqualTo(tokenCalls.get(0).getHeader("X-Client-Id"));
        assertThat(Files.readString(Path.of("target/test-logs/mp4drop.log")))
                .doesNotContain(NemoStandIn.TOKEN).doesNotContain(tokenCalls.get(0).getHeader("X-Client-Id"));
    }

    @Test
    void aLostSessionStartsTheFileOverWithANewSessionOnce() throws Exception {
        String upload = "/api/upload-video/.*";
        nemo.server.stubFor(post(urlPathMatching(upload)).inScenario("lost").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(NemoStandIn.json("{\"code\":1002,\"message\":\"Session not found\"}")).willSetStateTo("ok"));
        nemo.server.stubFor(post(urlPathMatching(upload)).inScenario("lost").whenScenarioStateIs("ok")
                .willReturn(NemoStandIn.json("{\"files\":[{\"cdn_url\":\"https://cdn.example/x\"}]}")));
        pipeline.drop("lost.avi", TestVideos.video(1));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

        nemo.server.verify(2, postRequestedFor(urlEqualTo(SESSION)));
        nemo.server.verify(1, postRequestedFor(urlEqualTo("/run_sse")));
    }

    @Test
    void rateLimitedCallsWaitForRetryAfterAndAreRetriedOnce() throws Exception {
        nemo.server.stubFor(post(urlEqualTo(SESSION)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("free"));
        nemo.server.stubFor(post(urlEqualTo(SESSION)).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(NemoStandIn.json("{\"task_id\":\"t\",\"session_id\":\"43\"}")));
        pipeline.drop("busy.avi", TestVideos.video(1));

        long started = System.nanoTime();
        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(1));
        nemo.server.verify(2, postRequestedFor(urlEqualTo(SESSION)));
    }

    @Test
    void aSecondRateLimitFailsTheFile() throws Exception {
        nemo.server.stubFor(post(urlEqualTo(SESSION)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));
        pipeline.drop("flood.avi", TestVideos.video(1));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(1);

        assertThat(Files.readString(pipeline.failed.resolve("flood.avi.error.json"))).contains("429");
        nemo.server.verify(2, postRequestedFor(urlEqualTo(SESSION)));
    }

    @Test
    void serverErrorsAndResetsOnGetsAreRetriedWithBackoff() throws Exception {
        nemo.server.stubFor(get(urlPathMatching(STATE)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("reset"));
        nemo.server.stubFor(get(urlPathMatching(STATE)).inScenario("flaky").whenScenarioStateIs("reset")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("empty"));
        nemo.server.stubFor(get(urlPathMatching(STATE)).inScenario("flaky").whenScenarioStateIs("empty")
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)).willSetStateTo("502"));
        nemo.server.stubFor(get(urlPathMatching(STATE)).inScenario("flaky").whenScenarioStateIs("502")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("good"));
        nemo.server.stubFor(get(urlPathMatching(STATE)).inScenario("flaky").whenScenarioStateIs("good")
                .willReturn(NemoStandIn.json("{\"state\":{\"draft\":" + NemoStandIn.DRAFT + "}}")));
        pipeline.drop("flaky.avi", TestVideos.video(1));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("flaky.mp4");
        nemo.server.verify(1, postRequestedFor(urlEqualTo("/run_sse")));
    }

    @Test
    void slowAndFailingRenderChecksAndDownloadsAreRetriedAgainstTheSameRender() throws Exception {
        nemo.server.stubFor(get(urlPathMatching(STATUS)).inScenario("poll").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(NemoStandIn.json("{\"status\":\"completed\"}").withFixedDelay(3000))
                .willSetStateTo("500"));
        nemo.server.stubFor(get(urlPathMatching(STATUS)).inScenario("poll").whenScenarioStateIs("500")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("done"));
        nemo.server.stubFor(get(urlPathMatching(STATUS)).inScenario("poll").whenScenarioStateIs("done")
                .willReturn(NemoStandIn.json("{\"status\":\"completed\",\"progress\":100,\"output\":{\"url\":\""
                        + nemo.url() + "/cdn/out.mp4\"}}")));
        nemo.server.stubFor(get(urlEqualTo("/cdn/out.mp4")).inScenario("cdn").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        nemo.server.stubFor(get(urlEqualTo("/cdn/out.mp4")).inScenario("cdn").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody(NemoStandIn.fakeMp4())));
        pipeline.set("nemo.request-timeout", "1s");
        pipeline.drop("patience.avi", TestVideos.video(1));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("patience.mp4");
        nemo.server.verify(1, postRequestedFor(urlEqualTo("/api/render/proxy/lambda")));
        nemo.server.verify(3, getRequestedFor(urlPathMatching(STATUS)));
    }

    @Test
    void aFileStillBeingWrittenIsTakenOnlyWhenItIsComplete() throws Exception {
        pipeline.set("mp4drop.inbox.stable-time", "1s");
        Files.createDirectories(pipeline.inbox);
        Path growing = pipeline.inbox.resolve("copying.avi");
        Thread writer = new Thread(() -> {
            byte[] video = TestVideos.video(1);
            int chunkSize = video.length / 10 + 1;
            try (var out = Files.newOutputStream(growing)) {
                for (int chunk = 0; chunk < 10; chunk++) {
                    out.write(video, chunk * chunkSize, Math.min(chunkSize, video.length - chunk * chunkSize));
                    out.flush();
                    // a slow copy into the inbox: the writer's pace, not a wait
                    Thread.sleep(300);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);
        writer.join();

        var upload = nemo.server.findAll(postRequestedFor(urlPathMatching("/api/upload-video/.*")));
        assertThat(upload).hasSize(1);
        assertThat(upload.get(0).getBody().length).isGreaterThan(10_000);
        assertThat(Pipeline.names(pipeline.archive)).containsExactly("copying.avi");
    }

    @Test
    void aOnceRunConvertsOnlyWhatTheCreditsPayForAndLeavesTheRest() throws Exception {
        nemo.server.stubFor(get(urlEqualTo("/api/credits/balance/simple")).willReturn(NemoStandIn.json(
                "{\"available\":100,\"frozen\":0,\"total\":100}")));
        pipeline.set("mp4drop.engine.fallback", "none");
        pipeline.drop("a.avi", TestVideos.video(1));
        pipeline.drop("b.avi", TestVideos.video(2));
        pipeline.drop("c.avi", TestVideos.video(3));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(3);

        assertThat(Pipeline.names(pipeline.outbox)).hasSize(2);
        assertThat(Pipeline.names(pipeline.inbox)).hasSize(1);
        assertThat(Pipeline.names(pipeline.failed)).isEmpty();
        nemo.server.verify(2, postRequestedFor(urlEqualTo("/run_sse")));
    }

    @Test
    void anInstructionWhoseAnswerWasLostIsNeverSentAgainAndTheErrorSaysWhatToDo() throws Exception {
        nemo.server.stubFor(post(urlEqualTo("/run_sse")).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        nemo.server.stubFor(get(urlPathMatching(STATE)).willReturn(NemoStandIn.json("{\"state\":{\"draft\":{}}}")));
        pipeline.set("mp4drop.draft.max-unchanged-checks", "2");
        pipeline.drop("lost.avi", TestVideos.video(1));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(1);

        nemo.server.verify(1, postRequestedFor(urlEqualTo("/run_sse")));
        assertThat(Files.readString(pipeline.failed.resolve("lost.avi.error.json")))
                .contains("no-timeline").contains("may never have reached NemoVideo")
                .contains("Put the file back in the inbox");
    }

    @Test
    void aRenderThatStaysProcessingFailsAfterTheMaximumPolls() throws Exception {
        nemo.server.stubFor(get(urlPathMatching(STATUS)).willReturn(NemoStandIn.json(
                "{\"status\":\"processing\",\"progress\":12}")));
        pipeline.set("mp4drop.render.max-polls", "3");
        pipeline.drop("stuck.avi", TestVideos.video(1));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(1);

        assertThat(Files.readString(pipeline.failed.resolve("stuck.avi.error.json"))).contains("render-timeout");
        nemo.server.verify(3, getRequestedFor(urlPathMatching(STATUS)));
        nemo.server.verify(1, postRequestedFor(urlEqualTo("/api/render/proxy/lambda")));
    }

    @Test
    void exportBlockedByThePlanFailsThatFileWithTheExplanation() throws Exception {
        nemo.server.stubFor(post(urlEqualTo("/api/render/proxy/lambda")).willReturn(aResponse().withStatus(402)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Upgrade required\"}")));
        pipeline.set("mp4drop.engine.fallback", "none");
        pipeline.drop("plan.avi", TestVideos.video(1));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(1);

        assertThat(Files.readString(pipeline.failed.resolve("plan.avi.error.json")))
                .contains("\"code\" : \"http-402\"").contains("\"stage\" : \"export\"");
    }

    @Test
    void aStreamOfHeartbeatsOnlyTimesOutAndIsSettledByTheState() throws Exception {
        nemo.server.stubFor(post(urlEqualTo("/run_sse")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(": ping\n\n".repeat(40)).withChunkedDribbleDelay(40, 8000)));
        pipeline.set("nemo.sse.idle-timeout", "1s");
        pipeline.drop("hush.avi", TestVideos.video(1));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("hush.mp4");
        nemo.server.verify(1, postRequestedFor(urlEqualTo("/run_sse")));
    }

    @Test
    void strangeNamesConvertUnderTheirOwnNames() throws Exception {
        String longName = "x".repeat(230) + ".avi";
        pipeline.drop("-leading dash.avi", TestVideos.video(1));
        pipeline.drop("quote\"s and ünïcödé ✓.mov", TestVideos.video(2));
        pipeline.drop(longName, TestVideos.video(3));
        Files.createDirectories(pipeline.inbox.resolve("folder.avi"));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

        assertThat(Pipeline.names(pipeline.outbox))
                .containsExactlyInAnyOrder("-leading dash.mp4", "quote\"s and ünïcödé ✓.mp4", "x".repeat(230) + ".mp4");
        assertThat(Pipeline.names(pipeline.inbox)).containsExactly("folder.avi");
    }

    @Test
    void aSymlinkInTheInboxIsNotFollowed() throws Exception {
        Path outside = Files.writeString(root.resolve("private.avi"), "someone else's file");
        Files.createDirectories(pipeline.inbox);
        Files.createSymbolicLink(pipeline.inbox.resolve("link.avi"), outside);

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

        nemo.server.verify(0, postRequestedFor(urlPathMatching("/api/upload-video/.*")));
        assertThat(Files.readString(outside)).isEqualTo("someone else's file");
    }
}
