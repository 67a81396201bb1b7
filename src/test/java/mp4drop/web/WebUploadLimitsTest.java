package mp4drop.web;

import static mp4drop.web.WebApp.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads that cannot hurt the service: a few at once (the rest answered 503 with Retry-After), each at a
 * minimum pace, the page answering while they wait, no byte stored that the disk cannot hold, and folders
 * made only for an upload that brings bytes.
 */
class WebUploadLimitsTest {
    @TempDir
    Path root;

    @Test
    void thirtyIdleUploadsDoNotStopThePageFromAnswering() throws Exception {
        try (WebApp app = WebApp.start(root, Map.of("mp4drop.web.uploads-at-once", "4"))) {
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 30; i++) {
                    Socket socket = new Socket("127.0.0.1", app.port);
                    idle.add(socket);
                    socket.getOutputStream().write(uploadHead(app, "idle-" + i + ".avi", "idle/" + i, 1_000_000));
                    socket.getOutputStream().flush();
                }
                for (int round = 0; round < 5; round++) {
                    long started = System.nanoTime();
                    RawHttp.Answer status = RawHttp.get(app.port, "/api/status", host(app));
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    assertThat(status.status()).isEqualTo(200);
                    assertThat(took).as("round " + round).isLessThan(Duration.ofSeconds(1));
                    assertThat(RawHttp.get(app.port, "/api/jobs", host(app)).status()).isEqualTo(200);
                }

                int busy = 0;
                int waiting = 0;
                for (Socket socket : idle) {
                    // a refusal was written as soon as its head arrived, long before the rounds above ended
                    socket.setSoTimeout(500);
                    try {
                        RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
                        assertThat(answer.status()).isEqualTo(503);
                        assertThat(answer.header("Retry-After")).hasValue("10");
                        assertThat(answer.body()).contains("uploads");
                        busy++;
                    } catch (SocketTimeoutException stillWaiting) {
                        waiting++;
                    }
                }
                assertThat(busy).isEqualTo(26);
                assertThat(waiting).isEqualTo(4);
                // no byte arrived: no folder was made
                assertThat(app.inbox.resolve("idle")).doesNotExist();
            } finally {
                for (Socket socket : idle) {
                    socket.close();
                }
            }
            eventually(Duration.ofSeconds(10), () -> assertThat(RawHttp.send(app.port, "POST",
                    "/api/upload?name=after.avi", host(app), new byte[1000], "X-Requested-With: test").status())
                    .isEqualTo(201));
        }
    }

    @Test
    void anUploadLargerThanTheFreeSpaceIsRefusedBeforeItsFirstByteAndFoldersComeOnlyWithBytes() throws Exception {
        try (WebApp app = WebApp.start(root, Map.of("mp4drop.max-file-size", "1000000GB"))) {
            long free = Files.getFileStore(app.inbox).getUsableSpace();
            try (Socket socket = new Socket("127.0.0.1", app.port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(uploadHead(app, "huge.avi", "huge", free + (1L << 30)));
                socket.getOutputStream().flush();
                RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
                assertThat(answer.status()).isEqualTo(507);
                assertThat(answer.body()).contains("huge.avi", "does not fit on the inbox disk", "free");
            }
            assertThat(app.inbox.resolve("huge")).doesNotExist();

            RawHttp.Answer tooDeep = upload(app, "deep.avi", "a/b/c/d/e/f/g/h/i", new byte[1000]);
            assertThat(tooDeep.status()).isEqualTo(400);
            assertThat(tooDeep.body()).contains("too deep");
            RawHttp.Answer empty = upload(app, "empty.avi", "a/b/c", new byte[0]);
            assertThat(empty.status()).isEqualTo(400);
            RawHttp.Answer notAVideo = upload(app, "notes.txt", "a/b/c", new byte[1000]);
            assertThat(notAVideo.status()).isEqualTo(415);
            assertThat(app.inbox.resolve("a")).doesNotExist();

            RawHttp.Answer deepest = upload(app, "deep.avi", "a/b/c/d/e/f/g/h", new byte[1000]);
            assertThat(deepest.status()).isEqualTo(201);
            assertThat(app.inbox.resolve("a/b/c/d/e/f/g/h/deep.avi")).exists();
        }
    }

    @Test
    void anUploadThatSendsNothingOrTricklesIsCutOffAndLeavesNothing() throws Exception {
        try (WebApp app = WebApp.start(root, Map.of("mp4drop.web.upload-window", "1s",
                "mp4drop.web.upload-min-rate", "64KB"))) {
            try (Socket socket = new Socket("127.0.0.1", app.port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(uploadHead(app, "idle.avi", "slow", 1_000_000));
                socket.getOutputStream().flush();
                long started = System.nanoTime();
                RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
                assertThat(answer.status()).isEqualTo(408);
                assertThat(answer.body()).contains("too slow");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            }

            try (Socket socket = new Socket("127.0.0.1", app.port)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(uploadHead(app, "trickle.avi", "slow", 1_000_000));
                Thread trickle = new Thread(() -> {
                    try {
                        for (int i = 0; i < 100; i++) {
                            out.write(new byte[1024]);
                            out.flush();
                            Thread.sleep(100);
                        }
                    } catch (IOException | InterruptedException cutOff) {
                        // the answer came and the connection closed: what this test waits for
                    }
                });
                trickle.start();
                RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
                trickle.interrupt();
                assertThat(answer.status()).isEqualTo(408);
                assertThat(answer.body()).contains("trickle.avi", "too slow");
            }
            eventually(Duration.ofSeconds(5), () -> assertThat(WebApp.filesBelow(app.inbox)).isEmpty());
            assertThat(app.inbox.resolve("slow")).doesNotExist();

            assertThat(upload(app, "fast.avi", "fast", new byte[4 << 20]).status()).isEqualTo(201);
        }
    }

    private static RawHttp.Answer upload(WebApp app, String name, String folder, byte[] content) throws IOException {
        return RawHttp.send(app.port, "POST", "/api/upload?name=" + name + "&folder=" + folder, host(app), content,
                "X-Requested-With: test", "Content-Type: application/octet-stream");
    }

    private static byte[] uploadHead(WebApp app, String name, String folder, long length) {
        return ("POST /api/upload?name=" + name + "&folder=" + folder + " HTTP/1.1\r\nHost: " + host(app)
                + "\r\nX-Requested-With: test\r\nContent-Type: application/octet-stream\r\nContent-Length: " + length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String host(WebApp app) {
        return "127.0.0.1:" + app.port;
    }
}
