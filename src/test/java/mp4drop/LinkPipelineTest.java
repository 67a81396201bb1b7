package mp4drop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import mp4drop.standin.NemoStandInServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A link dropped into the inbox (a Windows .url, a macOS .webloc) is the video at its address, served here by a
 * local HTTP server: downloaded and converted by the local engine, handed over by its address to the cloud.
 */
class LinkPipelineTest {
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path root;

    private LinkServer links;

    @BeforeEach
    void serve() throws Exception {
        links = new LinkServer().serve("/clip.mp4", "video/mp4", TestVideos.render(TestVideos.SECONDS))
                .serve("/page.html", "text/html", "<html><body>Sign in to see this video</body></html>"
                        .getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        links.close();
    }

    @Test
    void onTheLocalEngineALinkIsDownloadedAndConvertedUnderTheLinkFilesName() throws Exception {
        Pipeline pipeline = new Pipeline(root).set("mp4drop.engine", "local")
                .set("mp4drop.instruction", "Convert this video to MP4 at 480p");
        pipeline.drop("holiday.url", windowsShortcut(links.url("/clip.mp4?sig=abc")));
        pipeline.drop("trip.webloc", macWebloc(links.url("/clip.mp4?a=1&amp;b=2")));

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("holiday.mp4", "trip.mp4");
        assertThat(Pipeline.names(pipeline.archive)).containsExactly("holiday.url", "trip.webloc");
        assertThat(Pipeline.names(pipeline.state.resolve("downloads"))).isEmpty();
    }

    @Test
    void onTheCloudALinkIsUploadedByItsAddressWithNoBytesSent() throws Exception {
        NemoStandInServer standIn = NemoStandInServer.withOptions("render-seconds=2", "render-polls=1").start(0);
        try {
            String address = links.url("/clip.mp4?sig=abc");
            Pipeline pipeline = new Pipeline(root).cloudAt(standIn.url());
            pipeline.drop("holiday.url", windowsShortcut(address));

            assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

            assertThat(Pipeline.names(pipeline.outbox)).containsExactly("holiday.mp4");
            assertThat(Pipeline.names(pipeline.archive)).containsExactly("holiday.url");
            JsonNode seen = standIn.stats();
            assertThat(seen.path("url_uploads").asInt()).isEqualTo(1);
            assertThat(seen.path("uploads").asInt()).isEqualTo(1);
            assertThat(seen.path("upload_file_bytes").asLong()).isZero();
            assertThat(seen.path("file_by_session").toString()).contains(address);
        } finally {
            standIn.stop();
        }
    }

    @Test
    void onTheCloudALinkToAContainerItRefusesIsConvertedLocallyWithTheReason() throws Exception {
        links.serve("/tape.mpg", "video/mpeg", Files.readAllBytes(CloudLimitsTest.programStream()));
        NemoStandInServer standIn = NemoStandInServer.withOptions().start(0);
        try {
            Pipeline pipeline = new Pipeline(root).cloudAt(standIn.url())
                    .set("mp4drop.instruction", "Convert this video to MP4 at 480p");
            pipeline.drop("tape.url", windowsShortcut(links.url("/tape.mpg")));

            assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

            assertThat(Pipeline.names(pipeline.outbox)).containsExactly("tape.mp4");
            assertThat(standIn.stats().path("uploads").asInt()).isZero();
            assertThat(Files.readString(Path.of("target/test-logs/mp4drop.log")))
                    .contains("tape.url: converting locally instead: NemoVideo does not take its format");
        } finally {
            standIn.stop();
        }
    }

    @Test
    void aLinkThatDoesNotAnswerOrIsNotAVideoFailsNamingTheAddressButNoSecret() throws Exception {
        Pipeline pipeline = new Pipeline(root).set("mp4drop.engine", "local");
        pipeline.drop("gone.url", windowsShortcut(links.url("/missing.mp4?token=S3CRET-GONE&x=1")));
        pipeline.drop("page.url", windowsShortcut(links.url("/page.html?key=S3CRET-PAGE")));
        pipeline.drop("files.url", windowsShortcut("file:///etc/passwd"));
        pipeline.drop("binary.webloc", "bplist00\u00d1\u0001\u0002SURL".getBytes(StandardCharsets.ISO_8859_1));

        try (CapturedLog log = new CapturedLog("")) {
            assertThat(pipeline.runOnce(LIMIT)).isEqualTo(1);

            assertThat(log.events()).noneMatch(event -> event.getMessage().getFormattedMessage().contains("S3CRET"));
        }
        assertThat(Pipeline.names(pipeline.outbox)).isEmpty();
        String gone = Files.readString(pipeline.failed.resolve("gone.url.error.json"));
        assertThat(gone).contains("\"code\" : \"link-unreachable\"", "127.0.0.1", "/missing.mp4", "404");
        String page = Files.readString(pipeline.failed.resolve("page.url.error.json"));
        assertThat(page).contains("\"code\" : \"not-a-video\"", "/page.html");
        assertThat(Files.readString(pipeline.failed.resolve("files.url.error.json")))
                .contains("\"code\" : \"bad-link\"", "only http and https");
        assertThat(Files.readString(pipeline.failed.resolve("binary.webloc.error.json")))
                .contains("binary property list");
        try (Stream<Path> failed = Files.list(pipeline.failed)) {
            for (Path file : failed.filter(file -> file.toString().endsWith(".error.json")).toList()) {
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).doesNotContain("S3CRET");
            }
        }
    }

    static byte[] windowsShortcut(String address) {
        return ("[InternetShortcut]\r\nURL=" + address + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] macWebloc(String xmlEscapedAddress) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                + "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n<plist version=\"1.0\">\n<dict>\n"
                + "\t<key>URL</key>\n\t<string>" + xmlEscapedAddress + "</string>\n</dict>\n</plist>\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
