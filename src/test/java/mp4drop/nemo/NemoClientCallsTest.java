package mp4drop.nemo;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NemoClientCallsTest extends WireMockSupport {
    private static final String SESSION_PATH = "/api/tasks/me/with-session/nemo_agent";
    private static final String SID = "987654321098765432";

    /** The same payload in each of the three envelopes. */
    static String envelope(String kind, String data) {
        return switch (kind) {
            case "code" -> "{\"code\":0,\"message\":\"success\",\"data\":" + data + "}";
            case "success" -> "{\"success\":true,\"data\":" + data + "}";
            default -> data;
        };
    }

    private NemoClient client() {
        stubToken();
        return new NemoClient(settings(), watchdogs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"code", "success", "bare"})
    void createSessionInEveryEnvelope(String kind) {
        wm.stubFor(post(urlEqualTo(SESSION_PATH)).willReturn(okJson(envelope(kind,
                "{\"task_id\":\"t-1\",\"session_id\":\"" + SID + "\"}"))));
        Session session = client().createSession("holiday-1998.avi");
        assertThat(session).isEqualTo(new Session("t-1", SID));
        wm.verify(postRequestedFor(urlEqualTo(SESSION_PATH))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("X-Skill-Source", equalTo("video-converter-best"))
                .withHeader("X-Skill-Version", equalTo(NemoOptions.DEFAULT_SKILL_VERSION))
                .withHeader("X-Skill-Platform", equalTo("mp4drop"))
                .withRequestBody(equalToJson("{\"task_name\":\"holiday-1998.avi\",\"language\":\"en\"}")));
    }

    @Test
    void sessionIdsSentAsNumbersKeepEveryDigit() {
        wm.stubFor(post(urlEqualTo(SESSION_PATH)).willReturn(okJson(
                "{\"code\":0,\"data\":{\"task_id\":42,\"session_id\":123456789012345678901234}}")));
        assertThat(client().createSession("x")).isEqualTo(new Session("42", "123456789012345678901234"));
    }

    @Test
    void uploadStreamsAMultipartFilePartWithAContentLength() throws IOException {
        Path file = tmp.resolve("clip 1998.mp4");
        Files.writeString(file, "fake video bytes");
        String path = "/api/upload-video/nemo_agent/me/" + SID;
        wm.stubFor(post(urlEqualTo(path)).willReturn(okJson("{\"code\":0,\"data\":{\"files\":[{\"filename\":"
                + "\"clip 1998.mp4\",\"file_type\":\"video\",\"cdn_url\":\"https://cdn.example/a.mp4\",\"duration\":"
                + "12.5,\"width\":720,\"height\":576,\"hash\":\"abc\"}],\"session_state_applied\":true}}")));

        UploadedMedia media = client().upload(SID, file);

        assertThat(media).isEqualTo(new UploadedMedia("https://cdn.example/a.mp4", "clip 1998.mp4", "video", 12.5,
                720, 576));
        wm.verify(postRequestedFor(urlEqualTo(path))
                .withHeader("Content-Type", containing("multipart/form-data; boundary="))
                .withHeader("Content-Length", matching("\\d+"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("X-Skill-Source", equalTo("video-converter-best"))
                .withRequestBodyPart(aMultipart().withName("files")
                        .withHeader("Content-Disposition", containing("filename=\"clip 1998.mp4\""))
                        .withHeader("Content-Type", equalTo("video/mp4"))
                        .withBody(equalTo("fake video bytes")).build()));
    }

    @Test
    void filenamesCannotBreakTheContentDisposition() {
        assertThat(MultipartBody.quotedFilename("a\"b\r\nc\u0001 F\u00eate.mp4")).isEqualTo("a%22b%0D%0Ac_ F\u00eate.mp4");
        assertThat(MultipartBody.mediaType("X.MOV")).isEqualTo("video/quicktime");
        assertThat(MultipartBody.mediaType("noext")).isEqualTo("application/octet-stream");
    }

    @Test
    void uploadOfAMissingFileFailsLocally() {
        NemoClient client = client();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.upload(SID, tmp.resolve("gone.mp4")))
                .isInstanceOf(NemoApiException.class).hasFieldOrPropertyWithValue("code", "unreadable-file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"code", "success", "bare"})
    void stateWithAReadyDraft(String kind) {
        wm.stubFor(get(urlEqualTo("/api/state/nemo_agent/me/" + SID + "/latest")).willReturn(okJson(envelope(kind,
                "{\"session_id\":\"" + SID + "\",\"task_id\":\"t\",\"state\":{\"draft\":{\"t\":[{\"tt\":1,\"sg\":[]},"
                        + "{\"tt\":0,\"sg\":[{\"d\":1000}]}],\"d\":1000,\"m\":{}},\"video_infos\":[]}}"))));
        SessionState state = client().state(SID);
        assertThat(state.draftReady()).isTrue();
        assertThat(state.draft().get("d").asInt()).isEqualTo(1000);
        assertThat(state.fingerprint()).hasSize(64);
        wm.verify(getRequestedFor(urlEqualTo("/api/state/nemo_agent/me/" + SID + "/latest"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("X-Skill-Platform", equalTo("mp4drop")));
    }

    @Test
    void stateWithoutAReadyDraftAndFingerprints() {
        String path = "/api/state/nemo_agent/me/" + SID + "/latest";
        NemoClient client = client();
        wm.stubFor(get(urlEqualTo(path)).willReturn(okJson("{\"code\":0,\"data\":{\"state\":{\"draft\":null,\"a\":1,\"b\":2}}}")));
        SessionState none = client.state(SID);
        assertThat(none.draft()).isNull();
        assertThat(none.draftReady()).isFalse();

        wm.stubFor(get(urlEqualTo(path)).willReturn(okJson("{\"code\":0,\"data\":{\"state\":{\"b\":2,\"draft\":null,\"a\":1}}}")));
        assertThat(client.state(SID).fingerprint()).isEqualTo(none.fingerprint());

        wm.stubFor(get(urlEqualTo(path)).willReturn(okJson("{\"code\":0,\"data\":{\"state\":{\"draft\":{\"t\":[{\"sg\":[]}]}}}}")));
        SessionState empty = client.state(SID);
        assertThat(empty.draftReady()).isFalse();
        assertThat(empty.fingerprint()).isNotEqualTo(none.fingerprint());

        wm.stubFor(get(urlEqualTo(path)).willReturn(okJson("{\"code\":0,\"data\":{\"state\":{\"video_infos\":[]}}}")));
        assertThat(client.state(SID).draftReady()).isFalse();
    }

    @Test
    void submitRenderSendsTheDraftVerbatim() {
        wm.stubFor(post(urlEqualTo("/api/render/proxy/lambda")).willReturn(okJson(
                "{\"id\":\"render_1\",\"status\":\"pending\",\"progress\":0}")));
        JsonNode draft = Json.parseOrNull("{\"t\":[{\"tt\":0,\"sg\":[{\"x\":1}]}],\"d\":5000,\"m\":{\"k\":\"v\"}}");
        RenderStatus status = client().submitRender(SID, draft, "render_1");
        assertThat(status.status()).isEqualTo("pending");
        assertThat(status.id()).isEqualTo("render_1");
        assertThat(status.isDone()).isFalse();
        wm.verify(postRequestedFor(urlEqualTo("/api/render/proxy/lambda"))
                .withHeader("X-Skill-Source", equalTo("video-converter-best"))
                .withRequestBody(equalToJson("{\"id\":\"render_1\",\"sessionId\":\"" + SID + "\",\"draft\":"
                        + draft + ",\"output\":{\"format\":\"mp4\",\"quality\":\"high\"}}")));
        assertThat(NemoClient.newRenderId()).startsWith("render_").isNotEqualTo(NemoClient.newRenderId());
    }

    @Test
    void renderStatusInBothShapes() {
        NemoClient client = client();
        wm.stubFor(get(urlEqualTo("/api/render/proxy/lambda/r1")).willReturn(okJson(
                "{\"id\":\"r1\",\"status\":\"completed\",\"progress\":100,\"output\":{\"url\":\"https://cdn.example/o.mp4\",\"size\":1234}}")));
        RenderStatus top = client.renderStatus("r1");
        assertThat(top.isDone()).isTrue();
        assertThat(top.outputUrl()).isEqualTo("https://cdn.example/o.mp4");
        assertThat(top.outputSize()).isEqualTo(1234L);
        assertThat(top.progress()).isEqualTo(100);

        wm.stubFor(get(urlEqualTo("/api/render/proxy/lambda/r2")).willReturn(okJson(
                "{\"success\":true,\"data\":{\"status\":\"completed\",\"progress\":100,\"outputUrl\":\"https://cdn.example/p.mp4\"}}")));
        RenderStatus wrapped = client.renderStatus("r2");
        assertThat(wrapped.isDone()).isTrue();
        assertThat(wrapped.outputUrl()).isEqualTo("https://cdn.example/p.mp4");

        wm.stubFor(get(urlEqualTo("/api/render/proxy/lambda/r3")).willReturn(okJson(
                "{\"success\":true,\"data\":{\"status\":\"processing\",\"progress\":40}}")));
        RenderStatus running = client.renderStatus("r3");
        assertThat(running.isDone()).isFalse();
        assertThat(running.isFailed()).isFalse();
        assertThat(running.progress()).isEqualTo(40);
    }

    @Test
    void completedWithoutAUrlIsNotDone() {
        wm.stubFor(get(urlEqualTo("/api/render/proxy/lambda/r4")).willReturn(okJson(
                "{\"status\":\"completed\",\"progress\":100,\"output\":{}}")));
        RenderStatus status = client().renderStatus("r4");
        assertThat(status.isDone()).isFalse();
        assertThat(status.isFailed()).isFalse();
    }

    @Test
    void failedRenderCarriesTheServersReason() {
        wm.stubFor(get(urlEqualTo("/api/render/proxy/lambda/r5")).willReturn(okJson(
                "{\"status\":\"failed\",\"progress\":55,\"error\":\"lambda timed out\"}")));
        RenderStatus status = client().renderStatus("r5");
        assertThat(status.isFailed()).isTrue();
        assertThat(status.error()).isEqualTo("lambda timed out");
    }

    @ParameterizedTest
    @ValueSource(strings = {"code", "success", "bare"})
    void creditsInEveryEnvelope(String kind) {
        wm.stubFor(get(urlEqualTo("/api/credits/balance/simple")).willReturn(okJson(envelope(kind,
                "{\"available\":50,\"frozen\":50,\"total\":100}"))));
        assertThat(client().credits()).isEqualTo(new Credits(50, 50, 100));
        wm.verify(getRequestedFor(urlEqualTo("/api/credits/balance/simple"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("X-Skill-Version", equalTo(NemoOptions.DEFAULT_SKILL_VERSION)));
    }

    @Test
    void reachableMeansAnyHttpAnswerAndNeverAsksForAToken() throws IOException {
        wm.stubFor(get(urlEqualTo("/")).willReturn(notFound()));
        NemoClient client = new NemoClient(settings(), watchdogs);
        assertThat(client.reachable(Duration.ofSeconds(2))).isTrue();
        wm.verify(0, postRequestedFor(urlEqualTo(TOKEN_PATH)));

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        NemoOptions nowhere = NemoOptions.defaults(URI.create("http://127.0.0.1:" + closedPort),
                URI.create("https://web.example"), null, stateDir());
        assertThat(new NemoClient(nowhere, watchdogs).reachable(Duration.ofMillis(500))).isFalse();
    }
}
