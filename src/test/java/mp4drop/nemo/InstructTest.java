package mp4drop.nemo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Duration;
import mp4drop.nemo.InstructionOutcome.Ending;
import org.junit.jupiter.api.Test;

class InstructTest extends WireMockSupport {
    private static final String SSE = "/run_sse";
    private static final String SID = "123456789";

    private static ResponseDefinitionBuilder stream(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    private InstructionOutcome instruct(ResponseDefinitionBuilder answer) {
        stubToken();
        wm.stubFor(post(urlEqualTo(SSE)).willReturn(answer));
        return new NemoClient(settings(), watchdogs).instruct(SID, "Convert this video to a standard MP4");
    }

    @Test
    void typedEventsWithCommentsAndHeartbeats() {
        InstructionOutcome outcome = instruct(stream(": connected\n\n"
                + "data: {\"type\":\"text\",\"content\":\"Converting your \"}\n\n"
                + "data:\n\n"
                + ": keep-alive\n\n"
                + "data: {\"type\":\"tool_call\",\"name\":\"convert\"}\n\n"
                + "data: {\"type\":\"heartbeat\"}\n\n"
                + "data: {\"type\":\"tool_result\",\"ok\":true}\n\n"
                + "event: message\nid: 9\ndata: {\"type\":\"text\",\n"
                + "data: \"content\":\"video.\"}\n\n"));
        assertThat(outcome).isEqualTo(new InstructionOutcome("Converting your video.", 4, Ending.CLOSED));
        wm.verify(1, postRequestedFor(urlEqualTo(SSE))
                .withHeader("Accept", equalTo("text/event-stream"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("X-Skill-Source", equalTo("video-converter-best"))
                .withHeader("X-Skill-Version", equalTo(NemoOptions.DEFAULT_SKILL_VERSION))
                .withHeader("X-Skill-Platform", equalTo("mp4drop"))
                .withRequestBody(equalToJson("{\"app_name\":\"nemo_agent\",\"user_id\":\"me\",\"session_id\":\"" + SID
                        + "\",\"new_message\":{\"parts\":[{\"text\":\"Convert this video to a standard MP4\"}]}}")));
    }

    @Test
    void agentEventsWithThoughtsAndPartialsDribbledInChunks() {
        String body = ": ping\n\n"
                + "data: {\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Planning the cut\",\"thought\":true}]},\"partial\":true}\n\n"
                + "data: {\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"I converted \"}]},\"partial\":true}\n\n"
                + "data: {\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"it.\"}]},\"partial\":true}\n\n"
                + "data: {\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"I converted it.\"}]},\"partial\":false}\n\n"
                + "data: {\"content\":{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"render\",\"args\":{}}}]}}\n\n"
                + "data: {\"content\":{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"render\",\"response\":{}}}]}}\n\n"
                + "data: {\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Click the Export button\"}]},\"partial\":false}\n\n";
        InstructionOutcome outcome = instruct(stream(body).withChunkedDribbleDelay(8, 200));
        assertThat(outcome.text()).isEqualTo("I converted it. Click the Export button");
        assertThat(outcome.events()).isEqualTo(7);
        assertThat(outcome.ending()).isEqualTo(Ending.CLOSED);
    }

    @Test
    void aSilentTurnIsNotAnError() {
        InstructionOutcome outcome = instruct(stream(": hi\n\ndata: {\"content\":{\"role\":\"model\",\"parts\":"
                + "[{\"functionCall\":{\"name\":\"edit\"}}]},\"partial\":false}\n\n"));
        assertThat(outcome.hasText()).isFalse();
        assertThat(outcome.events()).isEqualTo(1);
        assertThat(outcome.ending()).isEqualTo(Ending.CLOSED);
    }

    @Test
    void aDroppedStreamIsAnOutcomeAndNothingIsResent() {
        InstructionOutcome outcome = instruct(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertThat(outcome.ending()).isEqualTo(Ending.DROPPED);
        wm.verify(1, postRequestedFor(urlEqualTo(SSE)));
    }

    @Test
    void aStreamResetAfterSomeTextKeepsTheText() throws Exception {
        try (RawHttpServer server = new RawHttpServer((socket, out) -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + RawHttpServer.chunk("data: {\"type\":\"text\",\"content\":\"Halfway there\"}\n\n"));
            // the server's pace: the text goes out before the reset
            Thread.sleep(100);
            RawHttpServer.reset(socket);
        })) {
            stubToken();
            NemoOptions settings = NemoOptions.defaults(URI.create("http://127.0.0.1:" + server.port()),
                    URI.create("https://web.example"), "user-token", stateDir());
            InstructionOutcome outcome = new NemoClient(settings, watchdogs).instruct(SID, "go");
            assertThat(outcome).isEqualTo(new InstructionOutcome("Halfway there", 1, Ending.DROPPED));
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @Test
    void onlyHeartbeatsHitsTheIdleTimeout() throws Exception {
        try (RawHttpServer server = new RawHttpServer((socket, out) -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + RawHttpServer.chunk("data: {\"type\":\"text\",\"content\":\"Working\"}\n\n"));
            for (int i = 0; i < 200; i++) {
                // a heartbeat every 50 ms, the server's pace
                Thread.sleep(50);
                RawHttpServer.write(out, RawHttpServer.chunk(i % 2 == 0 ? ": keep-alive\n\n" : "data:\n\n"));
            }
        })) {
            long started = System.nanoTime();
            InstructionOutcome outcome = new NemoClient(rawSettings(server, Duration.ofMillis(400), Duration.ofSeconds(5)), watchdogs)
                    .instruct(SID, "go");
            assertThat(outcome).isEqualTo(new InstructionOutcome("Working", 1, Ending.IDLE_TIMEOUT));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @Test
    void aSilentConnectionIsReleasedByTheWatchdog() throws Exception {
        try (RawHttpServer server = new RawHttpServer((socket, out) -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
            // a silent server: it holds the stream open and says nothing
            Thread.sleep(10_000);
        })) {
            InstructionOutcome outcome = new NemoClient(rawSettings(server, Duration.ofMillis(300), Duration.ofSeconds(5)), watchdogs)
                    .instruct(SID, "go");
            assertThat(outcome.ending()).isEqualTo(Ending.IDLE_TIMEOUT);
        }
    }

    @Test
    void noAnswerAtAllAlsoTimesOutWithoutResending() throws Exception {
        // a server that takes the request and never answers
        try (RawHttpServer server = new RawHttpServer((socket, out) -> Thread.sleep(10_000))) {
            InstructionOutcome outcome = new NemoClient(rawSettings(server, Duration.ofMillis(300), Duration.ofSeconds(5)), watchdogs)
                    .instruct(SID, "go");
            assertThat(outcome.ending()).isEqualTo(Ending.IDLE_TIMEOUT);
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @Test
    void aBusyStreamHitsTheHardCeiling() throws Exception {
        try (RawHttpServer server = new RawHttpServer((socket, out) -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 200; i++) {
                RawHttpServer.write(out, RawHttpServer.chunk("data: {\"type\":\"tool_call\",\"n\":" + i + "}\n\n"));
                // an event every 50 ms, the server's pace
                Thread.sleep(50);
            }
        })) {
            InstructionOutcome outcome = new NemoClient(rawSettings(server, Duration.ofSeconds(1), Duration.ofMillis(1500)), watchdogs)
                    .instruct(SID, "go");
            assertThat(outcome.ending()).isEqualTo(Ending.HARD_TIMEOUT);
            assertThat(outcome.events()).isGreaterThan(3);
        }
    }

    private NemoOptions rawSettings(RawHttpServer server, Duration idle, Duration hard) {
        return NemoOptions.defaults(URI.create("http://127.0.0.1:" + server.port()), URI.create("https://web.example"),
                "user-token", stateDir()).withSseTimeouts(idle, hard);
    }

    @Test
    void errorEventsInTheirThreeForms() {
        NemoApiException typed = streamFailure("data: {\"type\":\"error\",\"message\":\"agent crashed\"}\n\n");
        assertThat(typed).isExactlyInstanceOf(NemoApiException.class);
        assertThat(typed.code()).isEqualTo("agent-error");
        assertThat(typed.getMessage()).contains("agent crashed");
        assertThat(typed.stage()).isEqualTo("instruct");

        NemoApiException errorField = streamFailure("data: {\"error\":{\"code\":2001,\"message\":\"no credits\"}}\n\n");
        assertThat(errorField).isInstanceOf(OutOfCreditsException.class);

        NemoApiException agentStyle = streamFailure("data: {\"errorCode\":1002,\"errorMessage\":\"session gone\"}\n\n");
        assertThat(agentStyle).isInstanceOf(SessionLostException.class);

        NemoApiException business = streamFailure("data: {\"code\":4002,\"message\":\"too large\"}\n\n");
        assertThat(business.code()).isEqualTo("4002");
        assertThat(business.hint()).contains("500 MB");
    }

    @Test
    void aTokenExpiringMidStreamIsRenewedButTheInstructionIsNotResent() {
        NemoApiException e = streamFailure("data: {\"type\":\"text\",\"content\":\"ok\"}\n\n"
                + "data: {\"code\":1001,\"message\":\"token expired\"}\n\n");
        assertThat(e).isInstanceOf(TransientApiException.class);
        assertThat(e.code()).isEqualTo("1001");
        wm.verify(1, postRequestedFor(urlEqualTo(SSE)));
        wm.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    private NemoApiException streamFailure(String body) {
        stubToken();
        wm.stubFor(post(urlEqualTo(SSE)).willReturn(stream(body)));
        NemoClient client = new NemoClient(settings(), watchdogs);
        return catchThrowableOfType(NemoApiException.class, () -> client.instruct(SID, "go"));
    }

    @Test
    void errorStatusesBeforeTheStreamMapLikeAnyCall() {
        stubToken();
        NemoClient client = new NemoClient(settings(), watchdogs);
        wm.stubFor(post(urlEqualTo(SSE)).willReturn(json(402, "{\"detail\":\"plan\"}")));
        assertThat(catchThrowableOfType(NemoApiException.class, () -> client.instruct(SID, "go")).code())
                .isEqualTo("http-402");
        wm.stubFor(post(urlEqualTo(SSE)).willReturn(json(429, "{}").withHeader("Retry-After", "3")));
        assertThat(catchThrowableOfType(RateLimitedException.class, () -> client.instruct(SID, "go")).retryAfter())
                .isEqualTo(Duration.ofSeconds(3));
        wm.stubFor(post(urlEqualTo(SSE)).willReturn(aResponse().withStatus(503)));
        assertThat(catchThrowableOfType(NemoApiException.class, () -> client.instruct(SID, "go")))
                .isInstanceOf(TransientApiException.class);
        wm.stubFor(post(urlEqualTo(SSE)).willReturn(okJson("{\"code\":2001,\"message\":\"no credits\"}")));
        assertThat(catchThrowableOfType(NemoApiException.class, () -> client.instruct(SID, "go")))
                .isInstanceOf(OutOfCreditsException.class);
        wm.verify(4, postRequestedFor(urlEqualTo(SSE)));
    }

    @Test
    void aTokenRejectedBeforeTheStreamIsRenewedAndSentOnceMore() {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"token\":\"old-token\"}")).willSetStateTo("renewed"));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("renewed")
                .willReturn(okJson("{\"token\":\"new-token\"}")));
        wm.stubFor(post(urlEqualTo(SSE)).withHeader("Authorization", equalTo("Bearer old-token"))
                .willReturn(json(401, "{\"code\":1001,\"message\":\"expired\"}")));
        wm.stubFor(post(urlEqualTo(SSE)).withHeader("Authorization", equalTo("Bearer new-token"))
                .willReturn(stream("data: {\"type\":\"text\",\"content\":\"Done\"}\n\n")));
        InstructionOutcome outcome = new NemoClient(settings(), watchdogs).instruct(SID, "go");
        assertThat(outcome.text()).isEqualTo("Done");
        wm.verify(2, postRequestedFor(urlEqualTo(SSE)));
    }

    @Test
    void anUnreachableServerIsTransientBecauseNothingWasSent() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        NemoOptions nowhere = NemoOptions.defaults(URI.create("http://127.0.0.1:" + closedPort),
                URI.create("https://web.example"), "user-token", stateDir());
        NemoApiException e = catchThrowableOfType(NemoApiException.class,
                () -> new NemoClient(nowhere, watchdogs).instruct(SID, "go"));
        assertThat(e).isInstanceOf(TransientApiException.class).hasFieldOrPropertyWithValue("code", "network");
    }

    @Test
    void aRejectedUserTokenStopsBeforeAnyStream() {
        wm.stubFor(post(urlEqualTo(SSE)).willReturn(json(401, "{}")));
        TokenRejectedException e = catchThrowableOfType(TokenRejectedException.class,
                () -> new NemoClient(settings("user-token"), watchdogs).instruct(SID, "go"));
        assertThat(e.getMessage()).contains("NEMO_TOKEN").doesNotContain("user-token");
        wm.verify(1, postRequestedFor(urlEqualTo(SSE)));
    }
}
