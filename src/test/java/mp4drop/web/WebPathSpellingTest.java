package mp4drop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token cannot be skipped by spelling a path another way: every spelling that the router takes to an
 * API route is refused there without the token, and taken there with it (so the spelling did reach it).
 */
class WebPathSpellingTest {
    private static final String TOKEN = "path-spelling-token";
    private static final List<String> TO_THE_API = List.of(
            "/assets/../api/jobs",
            "/assets/%2e%2e/api/jobs",
            "/assets/%2E%2E/api/jobs",
            "/assets/.%2e/api/jobs",
            "/assets/%2e./api/jobs",
            "/assets/app.js/../../api/jobs",
            "/login/../api/jobs",
            "/logout/../api/jobs",
            "/observe/../api/jobs",
            "/observe/health/../../api/jobs",
            "/./api/jobs",
            "/assets/./../api/jobs",
            "//api/jobs",
            "/%61pi/jobs",
            "/api/%6aobs",
            "/api/jobs/",
            "/api/jobs?x=/assets/app.js");
    private static final List<String> ELSEWHERE = List.of(
            "/assets%2f..%2fapi%2fjobs",
            "/assets/..%2fapi%2fjobs",
            "/assets/..%2Fapi/jobs",
            "/assets/%252e%252e/api/jobs",
            "/assets/..;/api/jobs",
            "/assets//../api/jobs",
            "/assets/..\\api\\jobs",
            "/API/JOBS",
            "/Api/Jobs",
            "/api/Jobs",
            "/api/jobs.",
            "/api/jobs./",
            "/api/jobs%2e",
            "/api/jobs%20",
            "/assets/app.js.",
            "/LOGIN/../api/jobs",
            "/observe%2f..%2fapi/jobs");

    @TempDir
    static Path root;
    static WebApp app;

    @BeforeAll
    static void start() throws Exception {
        app = WebApp.start(root, Map.of("mp4drop.web.token", TOKEN));
        Files.createDirectories(app.outbox);
        Files.write(app.outbox.resolve("secret.mp4"), new byte[1000]);
        Files.createDirectories(app.failed);
        Files.write(app.failed.resolve("clip.avi"), new byte[1000]);
        Files.writeString(app.failed.resolve("clip.avi.error.json"), "{\"stage\":\"inbox\",\"code\":\"x\"}");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void everySpellingThatReachesTheApiIsRefusedThereWithoutTheToken() throws Exception {
        for (String target : TO_THE_API) {
            RawHttp.Answer anonymous = RawHttp.get(app.port, target, host());
            assertThat(anonymous.status()).as(target).isEqualTo(401);
            assertThat(anonymous.body()).as(target).doesNotContain("in_flight");

            RawHttp.Answer withToken = RawHttp.get(app.port, target, host(), bearer());
            assertThat(withToken.status()).as(target + " with the token").isEqualTo(200);
            assertThat(withToken.body()).as(target).contains("in_flight");
        }
    }

    @Test
    void spellingsThatReachNoApiRouteAnswerNothingOfIt() throws Exception {
        for (String target : ELSEWHERE) {
            RawHttp.Answer anonymous = RawHttp.get(app.port, target, host());
            assertThat(anonymous.status()).as(target).isIn(400, 401, 404);
            assertThat(anonymous.body()).as(target).doesNotContain("in_flight");
        }
    }

    @Test
    void videosUploadsAndRetriesCannotBeReachedByAnotherSpelling() throws Exception {
        for (String prefix : List.of("/assets/..", "/assets/%2e%2e", "/login/..", "/observe/..", "/", "/.")) {
            RawHttp.Answer video = RawHttp.get(app.port, prefix + "/video?file=secret.mp4", host());
            assertThat(video.status()).as(prefix).isEqualTo(401);

            RawHttp.Answer upload = RawHttp.send(app.port, "POST", prefix + "/api/upload?name=sneaked.avi", host(),
                    "not a video".getBytes(StandardCharsets.US_ASCII), "Origin: http://" + host(),
                    "Content-Type: application/octet-stream");
            assertThat(upload.status()).as(prefix).isEqualTo(401);

            RawHttp.Answer retry = RawHttp.send(app.port, "POST", prefix + "/api/retry?file=clip.avi", host(),
                    new byte[0], "Origin: http://" + host());
            assertThat(retry.status()).as(prefix).isEqualTo(401);
        }
        assertThat(WebApp.filesBelow(app.inbox)).isEmpty();
        assertThat(app.failed.resolve("clip.avi")).exists();
    }

    private static String host() {
        return "127.0.0.1:" + app.port;
    }

    private static String bearer() {
        return "Authorization: Bearer " + TOKEN;
    }
}
