package mp4drop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A normal run, with health and metrics on, logs no warning. The stray warning this guards against came
 * from a race in a fresh JVM (about one start in ten), so each run is a process of its own.
 */
class QuietRunTest {
    private static final int RUNS = 8;

    @TempDir
    Path root;

    @Test
    void normalRunsWithMetricsOnLogNoWarning() throws Exception {
        List<String> warnings = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            Path folder = root.resolve("run-" + run);
            Path log = folder.resolve("log.txt");
            Files.createDirectories(folder);
            ProcessBuilder once = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    "-Dlog4j2.configurationFile=src/main/resources/log4j2.properties", "mp4drop.Mp4dropMain", "--once");
            settings(folder, once.environment());
            Process app = once.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                assertThat(app.waitFor(2, TimeUnit.MINUTES)).as("run %d ends", run).isTrue();
            } finally {
                app.destroyForcibly();
            }
            List<String> lines = Files.readAllLines(log);
            assertThat(app.exitValue()).as(String.join("\n", lines)).isZero();
            lines.stream().filter(line -> line.matches("\\S+ (WARN|ERROR) .*")).forEach(warnings::add);
        }

        assertThat(warnings).isEmpty();
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
