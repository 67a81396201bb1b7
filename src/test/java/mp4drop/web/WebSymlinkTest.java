package mp4drop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the page shows is read without following a symbolic link: error files and videos alike. */
class WebSymlinkTest {
    @TempDir
    Path root;

    @Test
    void aLinkedErrorFileOrVideoIsNeitherShownNorServed() throws Exception {
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Path secretJson = Files.writeString(elsewhere.resolve("secret.json"),
                "{\"stage\":\"inbox\",\"code\":\"x\",\"message\":\"SECRET-FROM-ELSEWHERE\"}");
        Path secretVideo = Files.write(elsewhere.resolve("secret.mp4"), "SECRET-VIDEO".getBytes());
        try (WebApp app = WebApp.start(root.resolve("mp4drop"), Map.of())) {
            String host = "127.0.0.1:" + app.port;
            Files.createDirectories(app.failed);
            Files.write(app.failed.resolve("linked.avi"), new byte[100]);
            Files.createSymbolicLink(app.failed.resolve("linked.avi.error.json"), secretJson);
            Files.write(app.failed.resolve("plain.avi"), new byte[100]);
            Files.writeString(app.failed.resolve("plain.avi.error.json"),
                    "{\"stage\":\"inbox\",\"code\":\"not-a-video\",\"message\":\"shown\"}");
            Files.createDirectories(app.outbox);
            Files.createSymbolicLink(app.outbox.resolve("linked.mp4"), secretVideo);
            Files.write(app.outbox.resolve("plain.mp4"), "PLAIN-VIDEO".getBytes());

            RawHttp.Answer jobs = RawHttp.get(app.port, "/api/jobs", host);
            assertThat(jobs.body()).contains("plain.avi", "shown", "plain.mp4")
                    .doesNotContain("SECRET").doesNotContain("linked");
            RawHttp.Answer linked = RawHttp.get(app.port, "/video?file=linked.mp4", host);
            assertThat(linked.status()).isIn(400, 404);
            assertThat(linked.body()).doesNotContain("SECRET");
            assertThat(RawHttp.get(app.port, "/video?file=plain.mp4", host).body()).isEqualTo("PLAIN-VIDEO");

            RawHttp.Answer retry = RawHttp.send(app.port, "POST", "/api/retry?file=linked.avi", host, new byte[0],
                    "X-Requested-With: test");
            assertThat(retry.status()).isEqualTo(404);
            assertThat(app.failed.resolve("linked.avi")).exists();
            assertThat(secretJson).exists();
        }
    }
}
