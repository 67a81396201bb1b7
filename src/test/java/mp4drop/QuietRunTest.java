package mp4drop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A normal run, with health and metrics on, logs no warning. The stray warning this guards against came
 * from a race in a fresh JVM (about one start in ten), so each run is a process of its own. A start that cannot
 * go on says why in one line, without a stack trace.
 */
class QuietRunTest {
    private static final int RUNS = 8;
    private static final int AT_ONCE = 4;

    @TempDir
    Path root;

    @Test
    void normalRunsWithMetricsOnLogNoWarning() throws Exception {
        List<String> warnings = new ArrayList<>();
        // a few at a time: each run mostly waits (start-up, the quiet checks), and a busy machine only makes
        // the race more likely
        for (int first = 0; first < RUNS; first += AT_ONCE) {
            Map<Integer, Process> apps = new LinkedHashMap<>();
            try {
                for (int run = first; run < first + AT_ONCE; run++) {
                    apps.put(run, start(root.resolve("run-" + run), Map.of()));
                }
                for (Map.Entry<Integer, Process> app : apps.entrySet()) {
                    int run = app.getKey();
                    assertThat(app.getValue().waitFor(2, TimeUnit.MINUTES)).as("run %d ends", run).isTrue();
                    List<String> lines = Files.readAllLines(log(root.resolve("run-" + run)));
                    assertThat(app.getValue().exitValue()).as(String.join("\n", lines)).isZero();
                    lines.stream().filter(line -> line.matches("\\S+ (WARN|ERROR) .*")).forEach(warnings::add);
                }
            } finally {
                apps.values().forEach(Process::destroyForcibly);
            }
        }

        assertThat(warnings).isEmpty();
    }

    @Test
    void aStartThatCannotGoOnSaysWhyInOneLine() throws Exception {
        // FFmpeg is looked for in the background while Camel loads the routes, the API before
        Map<String, String> notFfmpeg = Map.of("MP4DROP_FFMPEG", "/bin/false");
        Map<String, String> noCloud = Map.of("MP4DROP_ENGINE", "nemo", "NEMO_API_URL", "http://127.0.0.1:9",
                "NEMO_PROBE_TIMEOUT", "1s");
        for (Map<String, String> setting : List.of(notFfmpeg, noCloud)) {
            Path folder = Files.createTempDirectory(root, "start");
            Process app = start(folder, setting);
            try {
                assertThat(app.waitFor(2, TimeUnit.MINUTES)).isTrue();
                List<String> lines = Files.readAllLines(log(folder));
                assertThat(app.exitValue()).as(String.join("\n", lines)).isEqualTo(2);
                assertThat(lines).filteredOn(line -> !line.matches("\\S+ INFO .*")).singleElement().asString()
                        .matches("\\S+ ERROR mp4drop could not start: .*")
                        .containsAnyOf("not a usable FFmpeg", "does not answer");
            } finally {
                app.destroyForcibly();
            }
        }
    }

    private static Process start(Path folder, Map<String, String> setting) throws Exception {
        Files.createDirectories(folder);
        ProcessBuilder once = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dlog4j2.configurationFile=src/main/resources/log4j2.properties", "mp4drop.Mp4dropMain", "--once");
        settings(folder, once.environment());
        once.environment().putAll(setting);
        return once.redirectErrorStream(true).redirectOutput(log(folder).toFile()).start();
    }

    private static Path log(Path folder) {
        return folder.resolve("log.txt");
    }

    /** {@code ./run.sh --once} on empty folders, health and metrics on, set the way a person would. */
    private static void settings(Path folder, Map<String, String> environment) throws Exception {
        for (String key : List.of("INBOX", "OUTBOX", "FAILED", "ARCHIVE", "STATE", "BATCH")) {
            environment.put("MP4DROP_" + key, folder.resolve(key.toLowerCase()).toString());
        }
        environment.put("MP4DROP_ENGINE", "local");
        environment.put("CAMEL_MANAGEMENT_PORT", String.valueOf(freePort()));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
