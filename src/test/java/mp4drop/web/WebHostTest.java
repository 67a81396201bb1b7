package mp4drop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a token, mp4drop answers only to the literal names of this machine, never looks a name up (a
 * DNS name is what a rebinding web site controls), and refuses what came through a proxy; /observe too.
 */
class WebHostTest {
    private static final List<String> PATHS = List.of("/", "/api/status", "/api/jobs", "/assets/app.js",
            "/observe/health", "/observe/metrics");

    @TempDir
    static Path root;
    static WebApp app;

    @BeforeAll
    static void start() throws Exception {
        app = WebApp.start(root);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theLiteralNamesOfThisMachinePassWithOrWithoutThePort() throws Exception {
        int port = app.port;
        for (String host : List.of("127.0.0.1", "127.0.0.1:" + port, "localhost", "localhost:" + port,
                "LocalHost:" + port, "[::1]", "[::1]:" + port)) {
            for (String path : PATHS) {
                assertThat(RawHttp.get(port, path, host).status()).as(host + " " + path).isEqualTo(200);
            }
        }
    }

    @Test
    void everyOtherNameIsRefusedWithoutALookUp() throws Exception {
        int port = app.port;
        List<String> hosts = List.of(
                // made only of hex letters: once taken for IPv6 literals, then looked up in DNS
                "cafe.de", "dead.beef.cafe", "cafe.de:" + port, "face.b00c", "add.bad.bed:" + port, "abc",
                // IPv6 without brackets, other spellings of loopback, and names that only contain one
                "::1", "::1:" + port, "[::1", "[0:0:0:0:0:0:0:1]", "[::ffff:127.0.0.1]:" + port,
                "127.1", "127.0.0.2", "2130706433", "0x7f.0.0.1", "0177.0.0.1", "127.0.0.1.nip.io",
                "localhost.", "localhost.evil.example", "evil.example", "evil.example:" + port,
                "127.0.0.1:" + port + "@evil.example", "127.0.0.1 evil.example", "");
        for (String host : hosts) {
            for (String path : PATHS) {
                RawHttp.Answer answer = RawHttp.get(port, path, host);
                assertThat(answer.status()).as("Host: " + host + " " + path).isIn(400, 421);
                assertThat(answer.body()).as(host).doesNotContain("in_flight").doesNotContain("engine")
                        .doesNotContain("camel_");
            }
        }
        RawHttp.Answer noHost = RawHttp.get(port, "/api/status", null);
        assertThat(noHost.status()).isIn(400, 421);
        RawHttp.Answer rebinding = RawHttp.get(port, "/api/status", "dead.beef.cafe:" + port,
                "Origin: http://dead.beef.cafe:" + port);
        assertThat(rebinding.status()).isEqualTo(421);
        assertThat(rebinding.body()).contains("127.0.0.1", "localhost");
    }

    @Test
    void aRequestThatCameThroughAProxyIsRefusedWithASentenceSayingToSetAToken() throws Exception {
        for (String forwarded : List.of("Forwarded: for=203.0.113.7;proto=https", "X-Forwarded-For: 203.0.113.7",
                "X-Forwarded-Host: videos.example.org", "x-forwarded-for: 127.0.0.1")) {
            for (String path : PATHS) {
                RawHttp.Answer answer = RawHttp.get(app.port, path, "127.0.0.1:" + app.port, forwarded);
                assertThat(answer.status()).as(forwarded + " " + path).isEqualTo(403);
                assertThat(answer.body()).as(forwarded).contains("proxy", "mp4drop.web.token");
            }
        }
    }

    @Test
    void withATokenAnyNameIsServedToWhoeverHasTheToken() throws Exception {
        try (WebApp withToken = WebApp.start(root.resolve("with-token"), Map.of("mp4drop.web.token", "proxy-token"))) {
            int port = withToken.port;
            RawHttp.Answer proxied = RawHttp.get(port, "/api/status", "videos.example.org",
                    "X-Forwarded-For: 203.0.113.7", "Authorization: Bearer proxy-token");
            assertThat(proxied.status()).isEqualTo(200);
            assertThat(RawHttp.get(port, "/api/status", "videos.example.org").status()).isEqualTo(401);
        }
    }
}
