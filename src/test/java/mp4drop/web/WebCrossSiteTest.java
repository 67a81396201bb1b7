package mp4drop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request that changes something must show that it comes from the page itself; whatever shows another
 * site refuses it, and a GET changes nothing.
 */
class WebCrossSiteTest {
    private static final byte[] CONTENT = "not really a video".getBytes(StandardCharsets.US_ASCII);

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
    void changesThatDoNotShowTheyComeFromThePageAreRefused() throws Exception {
        String page = "http://" + host();
        List<List<String>> foreign = List.of(
                List.of(),
                List.of("Content-Type: application/x-www-form-urlencoded"),
                List.of("Content-Type: text/plain"),
                List.of("Referer: http://evil.example/page.html"),
                List.of("Referer: http://evil.example/page.html", "X-Requested-With: XMLHttpRequest"),
                List.of("Referer: http://127.0.0.1:1/", "X-Requested-With: XMLHttpRequest"),
                List.of("Referer: https://" + host() + "/", "Sec-Fetch-Site: same-origin"),
                List.of("Origin: http://evil.example"),
                List.of("Origin: http://evil.example", "Sec-Fetch-Site: same-origin"),
                List.of("Origin: http://evil.example", "X-Requested-With: XMLHttpRequest"),
                List.of("Origin: null"),
                List.of("Origin: http://127.0.0.1:1"),
                List.of("Origin: https://" + host()),
                List.of("Origin: http://localhost:" + app.port),
                List.of("Origin: " + page, "Referer: http://evil.example/"),
                List.of("Sec-Fetch-Site: cross-site"),
                List.of("Sec-Fetch-Site: same-site"),
                List.of("Sec-Fetch-Site: none"));
        for (List<String> headers : foreign) {
            RawHttp.Answer upload = RawHttp.send(app.port, "POST", "/api/upload?name=csrf.avi", host(), CONTENT,
                    headers.toArray(String[]::new));
            assertThat(upload.status()).as("upload with " + headers).isEqualTo(403);
            assertThat(upload.body()).as(headers.toString()).contains("\"error\"");
        }
        assertThat(WebApp.filesBelow(app.inbox)).isEmpty();

        Path failed = failedFile("kept.avi");
        for (List<String> headers : foreign) {
            RawHttp.Answer retry = RawHttp.send(app.port, "POST", "/api/retry?file=kept.avi", host(), new byte[0],
                    headers.toArray(String[]::new));
            assertThat(retry.status()).as("retry with " + headers).isEqualTo(403);
        }
        assertThat(failed).exists();
        assertThat(WebApp.filesBelow(app.inbox)).isEmpty();
    }

    @Test
    void thePageItsBrowserOrAToolHeaderPass() throws Exception {
        String page = "http://" + host();
        List<List<String>> ours = List.of(
                List.of("Origin: " + page),
                List.of("Origin: " + page, "Referer: " + page + "/", "Sec-Fetch-Site: same-origin"),
                List.of("Sec-Fetch-Site: same-origin"),
                List.of("X-Requested-With: curl"),
                List.of("Referer: " + page + "/", "X-Requested-With: mp4drop"));
        int n = 0;
        for (List<String> headers : ours) {
            String name = "ours-" + n++ + ".avi";
            RawHttp.Answer upload = RawHttp.send(app.port, "POST", "/api/upload?name=" + name + "&folder=ours",
                    host(), CONTENT, headers.toArray(String[]::new));
            assertThat(upload.status()).as("upload with " + headers).isEqualTo(201);
        }
        assertThat(WebApp.filesBelow(app.inbox.resolve("ours"))).hasSize(ours.size());
    }

    @Test
    void aGetChangesNothing() throws Exception {
        Path failed = failedFile("stays.avi");
        assertThat(RawHttp.get(app.port, "/api/retry?file=stays.avi", host(), "Origin: http://" + host()).status())
                .isEqualTo(405);
        assertThat(RawHttp.get(app.port, "/api/upload?name=get.avi&folder=get", host()).status()).isEqualTo(405);
        assertThat(RawHttp.get(app.port, "/logout", host()).status()).isEqualTo(405);
        assertThat(failed).exists();
        assertThat(app.inbox.resolve("get")).doesNotExist();
    }

    private static Path failedFile(String name) throws Exception {
        Files.createDirectories(app.failed);
        Files.writeString(app.failed.resolve(name + ".error.json"), "{\"stage\":\"inbox\",\"code\":\"not-a-video\"}");
        return Files.write(app.failed.resolve(name), CONTENT);
    }

    private static String host() {
        return "127.0.0.1:" + app.port;
    }
}
