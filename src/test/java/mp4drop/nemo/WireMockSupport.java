package mp4drop.nemo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A WireMock server on a loopback port, settings whose timeouts are all milliseconds, a watchdog thread. */
abstract class WireMockSupport {
    static final String TOKEN = "nmv_usr_SECRET_TOKEN_123";
    static final String USER_ID = "u-42";
    static final String TOKEN_PATH = "/api/auth/anonymous-token";

    WireMockServer wm;
    /** The clients' watchdog thread, owned by the test as Camel owns it in the app. */
    ScheduledExecutorService watchdogs;
    @TempDir
    Path tmp;

    @BeforeEach
    void startWireMock() {
        wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        watchdogs = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stopWireMock() {
        watchdogs.shutdownNow();
        wm.stop();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + wm.port());
    }

    Path stateDir() {
        return tmp.resolve("state");
    }

    NemoOptions settings() {
        return settings(null);
    }

    NemoOptions settings(String userToken) {
        return NemoOptions.defaults(base(), URI.create("https://web.example"), userToken, stateDir())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5))
                .withSseTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withDownloadLimits(Duration.ofSeconds(1), 10_000);
    }

    void stubToken() {
        stubToken(TOKEN);
    }

    void stubToken(String token) {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson(
                "{\"code\":0,\"message\":\"ok\",\"data\":{\"token\":\"" + token + "\",\"credits\":100,\"user_id\":\""
                        + USER_ID + "\"}}")));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
