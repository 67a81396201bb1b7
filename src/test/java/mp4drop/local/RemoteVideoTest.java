package mp4drop.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mp4drop.failure.ConversionFailure;
import mp4drop.job.Link;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A link's download: streamed, capped, given up when it stalls, and never leaving a partial file. */
class RemoteVideoTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private RemoteVideo remote;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/big", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[64 * 1024]);
            }
        });
        server.createContext("/stalls", exchange -> {
            exchange.sendResponseHeaders(200, 10_000);
            exchange.getResponseBody().write(new byte[100]);
            exchange.getResponseBody().flush();
            sleep(3000);
            exchange.close();
        });
        server.createContext("/elsewhere", exchange -> {
            exchange.getResponseHeaders().set("Location", "file:///etc/passwd");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        FfmpegRun run = new FfmpegRun(TestSources.ffmpeg(), new FfmpegProcesses());
        remote = new RemoteVideo(() -> run,
                new ScratchFolder(dir.resolve("downloads")), 16 * 1024, Duration.ofMillis(500));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aDownloadOverTheLimitStopsAndLeavesNothing() throws Exception {
        assertThat(failure("/big?key=S3CRET").code()).isEqualTo("link-too-large");
        assertThat(Files.list(dir.resolve("downloads"))).isEmpty();
    }

    @Test
    void aDownloadThatReceivesNothingForTheStallTimeoutFails() throws Exception {
        ConversionFailure stalled = failure("/stalls?key=S3CRET");
        assertThat(stalled.code()).isEqualTo("link-stalled");
        assertThat(stalled.getMessage()).contains("/stalls?[hidden]").doesNotContain("S3CRET");
        assertThat(Files.list(dir.resolve("downloads"))).isEmpty();
    }

    @Test
    void aRedirectToAnythingButHttpIsNotFollowed() {
        ConversionFailure refused = failure("/elsewhere");
        assertThat(refused.code()).isEqualTo("link-unreachable");
        assertThat(refused.getMessage()).contains("only http and https");
    }

    @Test
    void theProbeFollowsNoRedirectAwayFromHttp() {
        Link link = Link.of("http://127.0.0.1:" + server.getAddress().getPort() + "/elsewhere");
        ConversionFailure refused = catchThrowableOfType(ConversionFailure.class, () -> remote.probe(link, "a.url"));
        assertThat(refused.code()).isIn("link-unreachable", "not-a-video");
        assertThat(refused.getMessage()).startsWith("a.url: ").contains("/elsewhere");
    }

    private ConversionFailure failure(String path) {
        Link link = Link.of("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return catchThrowableOfType(ConversionFailure.class, () -> remote.download(link, "clip.url", "job-1"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
