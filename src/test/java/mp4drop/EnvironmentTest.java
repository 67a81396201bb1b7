package mp4drop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mp4drop.local.TestSources;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mp4drop as a process started the way run.sh starts it, in a folder of its own with config/ and routes/:
 * environment variables named the Camel way override every key of the settings file, and the usage is
 * printed on request.
 */
class EnvironmentTest {
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path home;

    @BeforeEach
    void install() throws IOException {
        for (String folder : List.of("config", "routes")) {
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                Files.createDirectories(home.resolve(folder));
                for (Path file : files.toList()) {
                    Files.copy(file, home.resolve(folder).resolve(file.getFileName()));
                }
            }
        }
    }

    @Test
    void theEnvironmentMovesCamelsManagementPortAndSetsMp4dropKeys() throws Exception {
        int port = freePort();
        Path inbox = home.resolve("dropped here");
        Process app = start(List.of(), Map.of(
                "CAMEL_MANAGEMENT_PORT", String.valueOf(port),
                "MP4DROP_INBOX", inbox.toString(),
                "MP4DROP_ENGINE", "local",
                "MP4DROP_FFMPEG", TestSources.ffmpeg().path().toString(),
                "NEMO_API_URL", "http://127.0.0.1:9"));
        try {
            assertThat(healthAnswers(port, app)).as("/observe/health on port %d", port).isTrue();
            assertThat(inbox).isDirectory();
            assertThat(output()).contains("Engine: local (mp4drop.engine is local)");
        } finally {
            stop(app);
        }
    }

    @Test
    void helpPrintsTheUsageAndAnUnknownArgumentIsAConfigurationError() throws Exception {
        Process help = start(List.of("--help"), Map.of());
        assertThat(waitFor(help)).isZero();
        assertThat(output()).contains("Usage: ./run.sh").contains("--once").contains("credits");

        Process unknown = start(List.of("--onse"), Map.of());
        assertThat(waitFor(unknown)).isEqualTo(2);
        assertThat(output()).contains("Unknown arguments: --onse").contains("Usage: ./run.sh");
    }

    private Process start(List<String> args, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Mp4dropMain.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("output.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("MP4DROP_") || name.startsWith("NEMO_")
                || name.startsWith("CAMEL_"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private String output() throws IOException {
        return Files.readString(home.resolve("output.txt"), StandardCharsets.UTF_8);
    }

    private static int waitFor(Process process) throws InterruptedException {
        try {
            assertThat(process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("ended in time").isTrue();
            return process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }

    private static boolean healthAnswers(int port, Process app) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            await().atMost(LIMIT).pollInterval(Duration.ofMillis(300)).ignoreExceptionsInstanceOf(IOException.class)
                    .failFast(() -> !app.isAlive())
                    .until(() -> http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            return true;
        } catch (ConditionTimeoutException | TerminalFailureException notInTime) {
            return false;
        }
    }

    private static void stop(Process app) throws InterruptedException {
        app.destroy();
        if (!app.waitFor(40, TimeUnit.SECONDS)) {
            app.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
