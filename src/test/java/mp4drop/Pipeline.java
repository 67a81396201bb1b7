package mp4drop;

import java.io.IOException;
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

/**
 * Runs the real mp4drop (config/application.properties and routes/*.camel.yaml) in this JVM against a
 * temporary set of folders, with every wait shrunk so that a test takes seconds.
 */
final class Pipeline {
    final Path inbox;
    final Path outbox;
    final Path failed;
    final Path archive;
    final Path state;
    final Path batch;
    private final Map<String, String> settings = new HashMap<>();

    Pipeline(Path root) {
        inbox = root.resolve("inbox");
        outbox = root.resolve("outbox");
        failed = root.resolve("failed");
        archive = root.resolve("archive");
        state = root.resolve("state");
        batch = root.resolve("batch");
        set("mp4drop.inbox", inbox.toString());
        set("mp4drop.outbox", outbox.toString());
        set("mp4drop.failed", failed.toString());
        set("mp4drop.archive", archive.toString());
        set("mp4drop.state", state.toString());
        set("mp4drop.batch", batch.toString());
        set("mp4drop.inbox.stable-time", "300ms");
        set("mp4drop.inbox.poll-delay", "200ms");
        set("mp4drop.jobs.tick", "100ms");
        set("mp4drop.render.poll-interval", "100ms");
        set("mp4drop.draft.first-check", "200ms");
        set("mp4drop.draft.check-interval", "100ms");
        set("mp4drop.retry.first-delay", "50ms");
        set("mp4drop.retry.max-delay", "200ms");
        set("camel.management.enabled", "false");
        // the stand-in answers at once on a quiet machine; on a busy one (forks side by side) it gets longer
        set("nemo.probe-timeout", "30s");
        set("nemo.token", "");
        set("nemo.client-id", "");
        // one FFmpeg for every test, rather than the bundled one unpacked into each test's state folder
        set("mp4drop.ffmpeg", mp4drop.local.TestSources.ffmpeg().path().toString());
    }

    Pipeline set(String key, String value) {
        settings.put(key, value);
        return this;
    }

    Pipeline cloudAt(String apiUrl) {
        return set("mp4drop.engine", "nemo").set("nemo.api-url", apiUrl).set("nemo.web-url", apiUrl);
    }

    Map<String, String> settings() {
        return settings;
    }

    Path drop(String name, byte[] content) throws IOException {
        Path file = inbox.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        // as if the copy had finished a while ago: the read lock then takes it on the first look
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 5000));
        return file;
    }

    /** {@code ./run.sh --once}, in this JVM; fails the test if it does not end in time. */
    int runOnce(Duration limit) throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = runner.submit(() -> Mp4dropMain.run(new String[] {"--once"}, Map.copyOf(settings)));
            return exit.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            runner.shutdownNow();
        }
    }

    /** {@code ./run.sh} (watching), stopped after {@code duration} as if by Ctrl-C. */
    int runWatching(Duration duration) throws Exception {
        Map<String, String> watching = new HashMap<>(settings);
        watching.put("camel.main.duration-max-seconds", String.valueOf(duration.toSeconds()));
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = runner.submit(() -> Mp4dropMain.run(new String[0], Map.copyOf(watching)));
            return exit.get(duration.toSeconds() + 40, TimeUnit.SECONDS);
        } finally {
            runner.shutdownNow();
        }
    }

    static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
