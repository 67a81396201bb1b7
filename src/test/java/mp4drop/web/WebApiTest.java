package mp4drop.web;

import static mp4drop.web.WebApp.eventually;
import static mp4drop.web.WebApp.filesBelow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import mp4drop.job.JsonMapping;
import mp4drop.local.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint of the web page over HTTP, against the real routes with the local engine. */
class WebApiTest {
    private static final long LIMIT = 64L * 1024 * 1024;
    private static final Duration RUN = Duration.ofSeconds(90);

    @TempDir
    static Path root;
    static WebApp app;
    static Path sources;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        sources = Files.createDirectories(root.resolve("sources"));
        app = WebApp.start(root.resolve("mp4drop"), Map.of("mp4drop.max-file-size", "64MB"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void anUploadIsStreamedToAHiddenFileAndNamedOnlyWhenComplete() throws Exception {
        PipedOutputStream sender = new PipedOutputStream();
        PipedInputStream body = new PipedInputStream(sender, 64 * 1024);
        CompletableFuture<HttpResponse<String>> answer = HTTP.sendAsync(
                post("/api/upload?name=slow.avi&folder=" + query("streamed/in parts"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(),
                HttpResponse.BodyHandlers.ofString());
        byte[] megabyte = bytes(1 << 20, 1);
        sender.write(megabyte);
        sender.flush();
        Path folder = app.inbox.resolve("streamed/in parts");

        eventually(Duration.ofSeconds(10), () -> {
            List<String> names = filesBelow(folder);
            assertThat(names).hasSize(1);
            assertThat(names.get(0)).startsWith(".upload-").endsWith(".part");
            assertThat(Files.size(folder.resolve(names.get(0)))).isGreaterThanOrEqualTo(megabyte.length / 2);
        });
        assertThat(answer).isNotDone();

        sender.write(megabyte);
        sender.close();
        HttpResponse<String> response = answer.get();

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).get("file").asText()).isEqualTo("streamed/in parts/slow.avi");
        assertThat(filesBelow(folder)).containsExactly("slow.avi");
        assertThat(Files.size(folder.resolve("slow.avi"))).isEqualTo(2L * megabyte.length);
    }

    @Test
    void aLargeUploadArrivesWhole() throws Exception {
        long size = 60L * 1024 * 1024;
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        HttpResponse<String> response = HTTP.send(post("/api/upload?name=large.mkv&folder=large")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> generated(size, sent)), size)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).get("size").asLong()).isEqualTo(size);
        // the content is no video: it ends in failed/, byte for byte what was sent
        Path kept = app.failed.resolve("large/large.mkv");
        eventually(RUN, () -> assertThat(kept.resolveSibling("large.mkv.error.json")).exists());
        assertThat(sha256(kept)).isEqualTo(HexFormat.of().formatHex(sent.digest()));
        assertThat(filesBelow(app.inbox.resolve("large"))).isEmpty();
    }

    @Test
    void aFileTooLargeIsRefusedBeforeAndWhileStreamingAndLeavesNothing() throws Exception {
        HttpResponse<String> declared = HTTP.send(post("/api/upload?name=declared.avi&folder=big")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> generated(LIMIT + 1, null)), LIMIT + 1))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> streamed = HTTP.send(post("/api/upload?name=streamed.avi&folder=big")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> generated(LIMIT + (4 << 20), null))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(json(declared).get("error").asText()).contains("larger than 64.0 MB", "mp4drop.max-file-size");
        assertThat(streamed.statusCode()).isEqualTo(413);
        eventually(Duration.ofSeconds(10), () -> assertThat(filesBelow(app.inbox.resolve("big"))).isEmpty());
        assertThat(filesBelow(app.failed.resolve("big"))).isEmpty();
    }

    @Test
    void namesThatEscapeTheInboxOrAreNoVideosAreRefused() throws Exception {
        List<String> badNames = List.of("../escape.avi", "/tmp/escape.avi", ".hidden.avi", "bell\u0007.avi",
                "sub/escape.avi", "back\\slash.avi", " leading.avi", "");
        for (String name : badNames) {
            HttpResponse<String> response = upload(name, "", bytes(1000, 2));
            assertThat(response.statusCode()).as(name).isEqualTo(400);
            assertThat(json(response).get("error").asText()).as(name).isNotBlank();
        }
        for (String folder : List.of("..", "../outside", "/tmp", ".hidden", "a/../../b", "a//b")) {
            assertThat(upload("escape.avi", folder, bytes(1000, 2)).statusCode()).as(folder).isEqualTo(400);
        }
        HttpResponse<String> notAVideo = upload("notes.txt", "", bytes(1000, 2));
        assertThat(notAVideo.statusCode()).isEqualTo(415);
        assertThat(json(notAVideo).get("error").asText()).contains("mp4, mov, avi, webm, mkv");

        assertThat(filesBelow(root).stream().filter(name -> name.contains("escape") || name.contains("notes")))
                .isEmpty();
        assertThat(Files.exists(Path.of("/tmp/escape.avi"))).isFalse();
    }

    @Test
    void anUploadBrokenOffMidwayLeavesNothingInTheInbox() throws Exception {
        Path folder = app.inbox.resolve("cut");
        try (Socket socket = new Socket("127.0.0.1", app.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/upload?name=cut.avi&folder=cut HTTP/1.1\r\nHost: 127.0.0.1:" + app.port
                    + "\r\nContent-Type: application/octet-stream\r\nX-Requested-With: WebApiTest"
                    + "\r\nContent-Length: 10000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes(1 << 20, 3));
            out.flush();
            eventually(Duration.ofSeconds(10), () -> assertThat(filesBelow(folder)).singleElement()
                    .satisfies(name -> assertThat(name).startsWith(".upload-")));
        }

        eventually(Duration.ofSeconds(10), () -> assertThat(filesBelow(folder)).isEmpty());
        assertThat(filesBelow(app.failed.resolve("cut"))).isEmpty();
    }

    @Test
    void theJobListFollowsARunAndTheVideoIsServedWithRanges() throws Exception {
        Path clip = TestSources.mjpegAvi(Files.createDirectories(sources.resolve("run")));
        assertThat(upload("holiday.avi", "", Files.readAllBytes(clip)).statusCode()).isEqualTo(201);

        Set<String> phasesSeen = new HashSet<>();
        String[] jobId = new String[1];
        eventually(RUN, () -> {
            JsonNode jobs = get("/api/jobs");
            for (JsonNode file : jobs.get("in_flight")) {
                if (file.get("file").asText().equals("holiday.avi")) {
                    phasesSeen.add(file.get("phase").asText());
                    if (file.hasNonNull("id")) {
                        jobId[0] = file.get("id").asText();
                        assertThat(file.get("engine").asText()).isEqualTo("local");
                    }
                }
            }
            assertThat(names(jobs.get("done"))).contains("holiday.mp4");
        });
        assertThat(phasesSeen).contains("converting locally");
        assertThat(jobId[0]).isNotNull();

        // the MP4 is published first, then the original archived, then the job recorded as done
        eventually(RUN, () -> {
            JsonNode job = get("/api/jobs/" + jobId[0]);
            assertThat(job.get("phase").asText()).isEqualTo("done");
            assertThat(job.get("video").asText()).isEqualTo("/video?file=holiday.mp4");
        });
        assertThat(HTTP.send(HttpRequest.newBuilder(app.uri("/api/jobs/no-such-job")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        JsonNode status = get("/api/status");
        assertThat(status.get("engine").asText()).isEqualTo("local");
        assertThat(status.get("counts").get("done").asInt()).isPositive();
        assertThat(status.hasNonNull("next_batch")).isTrue();
        assertThat(status.get("max_file_size").asLong()).isEqualTo(64L * 1024 * 1024);

        byte[] mp4 = Files.readAllBytes(app.outbox.resolve("holiday.mp4"));
        HttpResponse<byte[]> first = video("/video?file=holiday.mp4", "bytes=0-99");
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + mp4.length);
        assertThat(first.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(first.body()).isEqualTo(Arrays.copyOfRange(mp4, 0, 100));
        HttpResponse<byte[]> middle = video("/video?file=holiday.mp4", "bytes=1000-");
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(mp4, 1000, mp4.length));
        HttpResponse<byte[]> last = video("/video?file=holiday.mp4", "bytes=-10");
        assertThat(last.body()).isEqualTo(Arrays.copyOfRange(mp4, mp4.length - 10, mp4.length));
        assertThat(video("/video?file=holiday.mp4", "bytes=" + mp4.length + "-").statusCode()).isEqualTo(416);
        HttpResponse<byte[]> whole = video("/video?file=holiday.mp4&download=1", null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(mp4);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(whole.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"holiday.mp4\"");

        // originals and anything outside the outbox are never served
        assertThat(app.archive.resolve("holiday.avi")).exists();
        assertThat(video("/video?file=" + query("../archive/holiday.avi"), null).statusCode()).isEqualTo(400);
        assertThat(video("/video?file=holiday.avi", null).statusCode()).isEqualTo(404);
        assertThat(video("/video?file=" + query(app.archive.resolve("holiday.avi").toString()), null).statusCode())
                .isEqualTo(400);
        String everything = text("/api/jobs") + text("/api/status") + text("/api/jobs/" + jobId[0]);
        assertThat(everything).doesNotContain(root.toString()).doesNotContain("\"source\"");
    }

    @Test
    void aFailedFileGoesBackToTheInboxWithItsSidecar() throws Exception {
        Path folder = Files.createDirectories(app.inbox.resolve("again"));
        Files.writeString(folder.resolve("broken.avi.txt"), "Convert this video to MP4 at 480p");
        assertThat(upload("broken.avi", "again", bytes(50_000, 4)).statusCode()).isEqualTo(201);
        Path failedFolder = app.failed.resolve("again");
        eventually(RUN, () -> assertThat(failedFolder.resolve("broken.avi.error.json")).exists());

        JsonNode failed = entry(get("/api/jobs").get("failed"), "again/broken.avi");
        assertThat(failed.get("code").asText()).isEqualTo("not-a-video");
        // not a video: refused by the probe at the inbox, before any engine
        assertThat(failed.get("stage").asText()).isEqualTo("inbox");
        assertThat(failed.get("hint").asText()).isNotBlank();

        HttpResponse<String> crossSite = HTTP.send(post("/api/retry?file=" + query("again/broken.avi"))
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(retry("../inbox/again/broken.avi").statusCode()).isEqualTo(400);
        assertThat(retry("again/no-such.avi").statusCode()).isEqualTo(404);
        assertThat(failedFolder.resolve("broken.avi")).exists();

        HttpResponse<String> retried = retry("again/broken.avi");

        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(json(retried).get("file").asText()).isEqualTo("again/broken.avi");
        assertThat(filesBelow(failedFolder)).isEmpty();
        assertThat(filesBelow(folder)).contains("broken.avi", "broken.avi.txt");
        // taken again by the inbox, it fails again (its content is no video), sidecar and all
        eventually(RUN, () -> assertThat(filesBelow(failedFolder))
                .containsExactlyInAnyOrder("broken.avi", "broken.avi.txt", "broken.avi.error.json"));
    }

    @Test
    void aFailedDvdTitleGoesBackToTheInboxWithAllItsParts() throws Exception {
        Path failedDisc = Files.createDirectories(app.failed.resolve("Scratched/VIDEO_TS"));
        Files.write(failedDisc.resolve("VTS_01_1.VOB"), bytes(50_000, 6));
        Files.write(failedDisc.resolve("VTS_01_2.VOB"), bytes(50_000, 7));
        Files.writeString(failedDisc.resolve("VTS_01_1.VOB.error.json"),
                "{\"stage\":\"inbox\",\"code\":\"not-a-video\",\"message\":\"no video\"}");

        assertThat(retry("Scratched/VIDEO_TS/VTS_01_1.VOB").statusCode()).isEqualTo(200);

        assertThat(filesBelow(app.inbox.resolve("Scratched/VIDEO_TS")))
                .containsExactlyInAnyOrder("VTS_01_1.VOB", "VTS_01_2.VOB");
        // taken again as one title, it fails again with both its parts
        eventually(RUN, () -> assertThat(filesBelow(failedDisc))
                .containsExactlyInAnyOrder("VTS_01_1.VOB", "VTS_01_2.VOB", "VTS_01_1.VOB.error.json"));
    }

    @Test
    void otherSitesAndOtherHostNamesAreRefusedAndRequestHeadersAreNotEchoed() throws Exception {
        HttpResponse<String> crossSite = HTTP.send(post("/api/upload?name=csrf.avi")
                .header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(1000, 5))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(crossSite.statusCode()).isEqualTo(403);
        HttpResponse<String> sameSite = HTTP.send(post("/api/upload?name=same-site.avi&folder=origin")
                .header("Origin", "http://127.0.0.1:" + app.port)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(1000, 5))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sameSite.statusCode()).isEqualTo(201);
        assertThat(filesBelow(app.inbox).stream().filter(name -> name.contains("csrf"))).isEmpty();

        assertThat(rawStatusLine("evil.example:" + app.port)).contains(" 421 ");
        assertThat(rawStatusLine("127.0.0.1:" + app.port)).contains(" 200 ");

        HttpResponse<String> status = HTTP.send(HttpRequest.newBuilder(app.uri("/api/status"))
                .header("Cookie", "something=private").header("X-Probe", "echo").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(status.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("cookie")
                || name.equalsIgnoreCase("x-probe") || name.equalsIgnoreCase("set-cookie"));
        assertThat(status.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void thePageAndItsFilesAreServed() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(app.uri("/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("<input id=\"picker\" type=\"file\" multiple>");
        for (String asset : List.of("app.js", "style.css", "icon.svg")) {
            assertThat(HTTP.send(HttpRequest.newBuilder(app.uri("/assets/" + asset)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as(asset).isEqualTo(200);
        }
        assertThat(HTTP.send(HttpRequest.newBuilder(app.uri("/assets/index.html")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(HTTP.send(HttpRequest.newBuilder(app.uri("/assets/..%2Fweb%2Fapp.js")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    // --- helpers ---

    private static HttpRequest.Builder post(String pathAndQuery) {
        return HttpRequest.newBuilder(app.uri(pathAndQuery)).header("Content-Type", "application/octet-stream")
                .header(WebAccess.REQUESTED_WITH, "WebApiTest");
    }

    private static HttpResponse<String> upload(String name, String folder, byte[] content) throws Exception {
        return HTTP.send(post("/api/upload?name=" + query(name) + "&folder=" + query(folder))
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> retry(String file) throws Exception {
        return HTTP.send(post("/api/retry?file=" + query(file)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> video(String pathAndQuery, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(pathAndQuery));
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(app.uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static JsonNode get(String path) throws Exception {
        return JsonMapping.MAPPER.readTree(text(path));
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JsonMapping.MAPPER.readTree(response.body());
    }

    private static List<String> names(JsonNode list) {
        return java.util.stream.StreamSupport.stream(list.spliterator(), false).map(n -> n.get("file").asText())
                .toList();
    }

    private static JsonNode entry(JsonNode list, String file) {
        for (JsonNode node : list) {
            if (node.get("file").asText().equals(file)) {
                return node;
            }
        }
        throw new AssertionError(file + " is not in " + list);
    }

    private static String rawStatusLine(String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port)) {
            socket.getOutputStream().write(("GET /api/status HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] head = socket.getInputStream().readNBytes(20);
            return new String(head, StandardCharsets.US_ASCII);
        }
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** {@code size} pseudo-random bytes made as they are read: the test holds none of them. */
    private static InputStream generated(long size, MessageDigest digest) {
        Random random = new Random(size);
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int count = (int) Math.min(length, left);
                byte[] chunk = new byte[count];
                random.nextBytes(chunk);
                if (digest != null) {
                    digest.update(chunk);
                }
                System.arraycopy(chunk, 0, into, offset, count);
                left -= count;
                return count;
            }
        };
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
