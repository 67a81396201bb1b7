package mp4drop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mp4drop.local.TestSources;
import org.apache.camel.main.Main;
import org.awaitility.core.ThrowingRunnable;

/**
 * mp4drop as {@code ./run.sh} runs it (watching, the real config and routes), in this JVM, in a temporary
 * folder, with the local engine, its web page on a free loopback port and every wait shrunk.
 */
final class WebApp implements AutoCloseable {
    final Path root;
    final Path inbox;
    final Path outbox;
    final Path failed;
    final Path archive;
    final int port;
    private final Main main = new Main();
    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    private final Future<?> running;

    private WebApp(Path root, Map<String, String> extra) throws Exception {
        this.root = root;
        inbox = root.resolve("inbox");
        outbox = root.resolve("outbox");
        failed = root.resolve("failed");
        archive = root.resolve("archive");
        port = freePort();
        Map<String, String> settings = new HashMap<>();
        for (String folder : List.of("inbox", "outbox", "failed", "archive", "state", "batch")) {
            settings.put("mp4drop." + folder, root.resolve(folder).toString());
        }
        settings.put("mp4drop.engine", "local");
        settings.put("mp4drop.ffmpeg", TestSources.ffmpeg().path().toString());
        settings.put("mp4drop.instruction", "Convert this video to MP4 at 480p");
        settings.put("mp4drop.inbox.stable-time", "300ms");
        settings.put("mp4drop.inbox.poll-delay", "200ms");
        settings.put("mp4drop.jobs.tick", "100ms");
        settings.put("mp4drop.web.port", String.valueOf(port));
        settings.put("nemo.api-url", "http://127.0.0.1:9");
        settings.put("nemo.token", "");
        settings.put("nemo.client-id", "");
        settings.put("mp4drop.once", "false");
        settings.put("camel.main.shutdown-timeout", "5");
        settings.putAll(extra);
        main.setDefaultPropertyPlaceholderLocation("file:config/application.properties");
        settings.forEach(main::addOverrideProperty);
        running = runner.submit(() -> {
            main.run();
            return null;
        });
        awaitServer();
    }

    static WebApp start(Path root) throws Exception {
        return new WebApp(root, Map.of());
    }

    static WebApp start(Path root, Map<String, String> extra) throws Exception {
        return new WebApp(root, extra);
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    private void awaitServer() {
        HttpClient client = HttpClient.newHttpClient();
        // IOException: the server is not listening yet
        await("the web page on port " + port).atMost(Duration.ofSeconds(60))
                .ignoreExceptionsInstanceOf(IOException.class)
                .failFast("mp4drop stopped before its web page answered", () -> {
                    if (running.isDone()) {
                        running.get();
                        throw new IllegalStateException("mp4drop ended without an error");
                    }
                })
                .until(() -> client.send(HttpRequest.newBuilder(uri("/observe/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    /** The names below a folder, relative, hidden ones included. */
    static List<String> filesBelow(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(file -> folder.relativize(file).toString()).sorted().toList();
        }
    }

    /** Awaitility's wait under the name the web tests use: the check passes within the limit. */
    static void eventually(Duration limit, ThrowingRunnable check) {
        await().atMost(limit).ignoreExceptions().untilAsserted(check);
    }

    @Override
    public void close() throws Exception {
        main.completed();
        try {
            running.get(40, TimeUnit.SECONDS);
        } finally {
            runner.shutdownNow();
        }
        assertThat(running.isDone()).isTrue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
