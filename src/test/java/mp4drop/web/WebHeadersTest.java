package mp4drop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headers a browser honours (no inline script, no framing, no referrer, no sniffing, its own window) on
 * every answer: pages, API, videos, /observe, and every kind of error, whoever made it.
 */
class WebHeadersTest {
    @TempDir
    Path root;

    @Test
    void everyAnswerCarriesTheBrowserHeaders() throws Exception {
        List<RawHttp.Answer> answers = new ArrayList<>();
        try (WebApp app = WebApp.start(root.resolve("open"))) {
            String host = "127.0.0.1:" + app.port;
            for (String path : List.of("/", "/assets/app.js", "/assets/style.css", "/assets/icon.svg",
                    "/assets/nope.js", "/nope", "/api/status", "/api/jobs", "/api/jobs/none", "/video?file=x.mp4",
                    "/video?file=..%2Fx.mp4", "/api/upload", "/observe/health", "/observe/metrics")) {
                answers.add(RawHttp.get(app.port, path, host));
            }
            answers.add(RawHttp.get(app.port, "/api/status", "evil.example"));
            answers.add(RawHttp.get(app.port, "/observe/health", host, "X-Forwarded-For: 203.0.113.7"));
            answers.add(RawHttp.get(app.port, "/api/status", null));
            answers.add(RawHttp.send(app.port, "POST", "/api/upload?name=a.avi", host, new byte[10],
                    "Origin: http://evil.example"));
            answers.add(RawHttp.send(app.port, "POST", "/api/upload?name=a.txt", host, new byte[10],
                    "X-Requested-With: test"));
            answers.add(RawHttp.send(app.port, "POST", "/api/retry?file=none.avi", host, new byte[0],
                    "X-Requested-With: test"));
            assertThat(answers.stream().map(RawHttp.Answer::status))
                    .contains(200, 400, 403, 404, 405, 415, 421);
            String page = answers.get(0).body();
            assertThat(page).doesNotContain("/logout");
            assertNoInlineCode(page);
        }
        try (WebApp app = WebApp.start(root.resolve("token"), Map.of("mp4drop.web.token", "headers-token"))) {
            String host = "127.0.0.1:" + app.port;
            RawHttp.Answer login = RawHttp.get(app.port, "/", host);
            assertThat(login.status()).isEqualTo(401);
            assertNoInlineCode(login.body());
            answers.add(login);
            answers.add(RawHttp.get(app.port, "/api/status", host));
            answers.add(RawHttp.send(app.port, "POST", "/login", host, "token=wrong".getBytes(StandardCharsets.US_ASCII),
                    "Content-Type: application/x-www-form-urlencoded"));
            answers.add(RawHttp.send(app.port, "POST", "/login", host, new byte[5000]));
            answers.add(RawHttp.get(app.port, "/login", host));
            assertThat(answers.stream().map(RawHttp.Answer::status)).contains(401, 413);
        }
        for (RawHttp.Answer answer : answers) {
            String which = answer.status() + " " + answer.body().lines().findFirst().orElse("");
            assertThat(answer.header("Content-Security-Policy")).as(which).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
            assertThat(answer.header("X-Frame-Options")).as(which).hasValue("DENY");
            assertThat(answer.header("Referrer-Policy")).as(which).hasValue("no-referrer");
            assertThat(answer.header("Cross-Origin-Opener-Policy")).as(which).hasValue("same-origin");
            assertThat(answer.header("X-Content-Type-Options")).as(which).hasValue("nosniff");
        }
    }

    private static void assertNoInlineCode(String html) {
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("<style")
                .doesNotContainPattern("\\sstyle=").doesNotContainPattern("\\son[a-z]+=").doesNotContain("javascript:");
    }
}
