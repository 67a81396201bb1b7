package mp4drop;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Health and Prometheus metrics over HTTP while a run is under way. */
class ObserveTest extends AgainstStandIn {
    @Test
    void healthAndMetricsShowWhatTheRunIsDoing() throws Exception {
        nemo.server.stubFor(get(urlPathMatching("/api/render/proxy/lambda/.*"))
                .willReturn(NemoStandIn.json("{\"status\":\"processing\",\"progress\":30}")));
        int port = freePort();
        Pipeline pipeline = cloudPipeline()
                .set("camel.management.enabled", "true")
                .set("camel.management.port", String.valueOf(port))
                .set("mp4drop.render.max-polls", "40");
        pipeline.drop("slow.avi", TestVideos.video(1));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
            try {
                return pipeline.runOnce(Duration.ofSeconds(60));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        String metrics = await().atMost(Duration.ofSeconds(30)).until(() -> fetch(port, "/observe/metrics"),
                text -> text.contains("mp4drop_renders_pending 1.0"));

        assertThat(metrics).contains("mp4drop_renders_pending 1.0").contains("mp4drop_stage_duration_seconds");
        assertThat(fetch(port, "/observe/health")).contains("UP");
        assertThat(run.get()).isEqualTo(1);
        assertThat(Files.readString(pipeline.failed.resolve("slow.avi.error.json"))).contains("render-timeout");
    }

    private static String fetch(int port, String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (Exception notYetUp) {
            return "";
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
