package mp4drop;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;

/** WireMock playing the NemoVideo API and its CDN on loopback, answering a whole conversion by default. */
final class NemoStandIn {
    static final String TOKEN = "nmv_usr_standin_secret_token";
    static final String SESSION = "7301234567890123456";
    static final String DRAFT = "{\"t\":[{\"tt\":0,\"sg\":[{\"id\":\"s1\",\"d\":4000}]}],\"d\":4000,\"m\":{}}";

    final WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());

    NemoStandIn start() {
        server.start();
        answerWholeConversion();
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    void stop() {
        server.stop();
    }

    /** A render that passes the check: an MP4 as long as every test source. */
    static byte[] fakeMp4() {
        return TestVideos.render(TestVideos.SECONDS);
    }

    void answerWholeConversion() {
        server.stubFor(post(urlEqualTo("/api/auth/anonymous-token")).willReturn(json(
                "{\"code\":0,\"message\":\"ok\",\"data\":{\"token\":\"" + TOKEN
                        + "\",\"credits\":100,\"user_id\":\"u-42\",\"expires_at\":\"2099-01-01T00:00:00Z\"}}")));
        server.stubFor(post(urlEqualTo("/api/tasks/me/with-session/nemo_agent")).willReturn(json(
                "{\"code\":0,\"data\":{\"task_id\":\"task-1\",\"session_id\":" + SESSION + "}}")));
        server.stubFor(post(urlPathMatching("/api/upload-video/nemo_agent/me/.*")).willReturn(json(
                "{\"success\":true,\"data\":{\"files\":[{\"filename\":\"x\",\"file_type\":\"video\","
                        + "\"cdn_url\":\"https://cdn.example/x\",\"duration\":4}],\"session_state_applied\":true}}")));
        // as the real API: a file whose name is not of an accepted type is refused (4001)
        server.stubFor(post(urlPathMatching("/api/upload-video/nemo_agent/me/.*")).atPriority(1)
                .withRequestBody(matching("(?s).*filename=\"[^\"]*\\.(?!(?i)(mp4|mov|avi|webm|mkv|jpg|png|gif|webp|mp3"
                        + "|wav|m4a|aac)\")[^\".]*\".*"))
                .willReturn(json("{\"code\":4001,\"message\":\"Unsupported file type\"}")));
        server.stubFor(post(urlEqualTo("/run_sse")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(": keep-alive\n\n"
                        + "data: {\"type\":\"text\",\"content\":\"Converting your video to 1080p MP4.\"}\n\n"
                        + "data:\n\n")));
        server.stubFor(get(urlPathMatching("/api/state/nemo_agent/me/.*/latest")).willReturn(json(
                "{\"session_id\":\"" + SESSION + "\",\"task_id\":\"task-1\",\"state\":{\"draft\":" + DRAFT
                        + ",\"video_infos\":[],\"canvas_config\":{},\"generated_media\":[]}}")));
        server.stubFor(post(urlEqualTo("/api/render/proxy/lambda")).willReturn(json(
                "{\"id\":\"r\",\"status\":\"pending\",\"progress\":0}")));
        server.stubFor(get(urlPathMatching("/api/render/proxy/lambda/.*")).willReturn(json(
                "{\"status\":\"completed\",\"progress\":100,\"output\":{\"url\":\"" + url()
                        + "/cdn/out.mp4\",\"size\":4096}}")));
        server.stubFor(get(urlEqualTo("/api/credits/balance/simple")).willReturn(json(
                "{\"code\":0,\"data\":{\"available\":10000,\"frozen\":0,\"total\":10000}}")));
        server.stubFor(get(urlEqualTo("/cdn/out.mp4")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "video/mp4").withBody(fakeMp4())));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
