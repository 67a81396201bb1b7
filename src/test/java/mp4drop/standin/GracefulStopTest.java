package mp4drop.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mp4drop.job.JsonMapping;
import mp4drop.local.FfmpegProcesses;
import mp4drop.local.FfmpegRun;
import mp4drop.local.TestSources;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop never fails a file. The packaged app runs as a process of its own (watching, as the service does),
 * is stopped with SIGTERM in the middle of a file, and leaves it in the inbox with its job unfinished; the
 * next {@code --once} run converts it. It lives beside the stand-in, which is there for kill tests against
 * the real app.
 */
class GracefulStopTest {
    private static final Duration STEP = Duration.ofSeconds(90);
    private static final Duration CONVERSION = Duration.ofMinutes(4);

    @TempDir
    Path root;

    /** Every app process started, with the file its output goes to. */
    private final Map<Process, Path> apps = new LinkedHashMap<>();
    private NemoStandInServer standIn;

    @AfterEach
    void stopWhatWasStarted() throws InterruptedException {
        for (Process app : apps.keySet()) {
            app.descendants().forEach(ProcessHandle::destroyForcibly);
            app.destroyForcibly();
            app.waitFor(30, TimeUnit.SECONDS);
        }
        if (standIn != null) {
            standIn.stop();
        }
    }

    @Test
    void aLocalEncodeStoppedTwiceStaysInTheInboxAndTheNextRunConvertsIt() throws Exception {
        byte[] original = Files.readAllBytes(video(inbox().resolve("tape.avi")));
        Map<String, String> settings = settings("local");

        // SIGTERM to mp4drop alone: Camel gives the encode the (shrunk) shutdown timeout, then ends it
        Process app = start(settings, "first-stop");
        awaitOrFail(app, this::encodeWritingOutput, "the encode to write its output");
        app.destroy();
        awaitExit(app);
        assertLeftInTheInbox("tape.avi", original, "NEW");

        // SIGTERM to mp4drop and its FFmpeg at once, as systemd stops a service and Ctrl-C a terminal: FFmpeg
        // ends at once, and the failure policy, still running, leaves the file for the next run
        Map<String, String> patient = new HashMap<>(settings);
        patient.put("CAMEL_MAIN_SHUTDOWN_TIMEOUT", "30");
        app = start(patient, "second-stop");
        awaitOrFail(app, this::encodeWritingOutput, "the encode to write its output again");
        app.descendants().forEach(ProcessHandle::destroy);
        app.destroy();
        awaitExit(app);
        assertLeftInTheInbox("tape.avi", original, "NEW");
        assertThat(Files.readString(root.resolve("second-stop.log"))).contains("tape.avi: left for the next run");

        assertThat(runOnce(settings)).isEqualTo(0);
        assertConverted("tape.avi", original);
    }

    @Test
    void aCloudJobStoppedMidRenderAndMidDownloadResumesOnTheNextRunAndIsChargedOnce() throws Exception {
        standIn = new NemoStandInServer(StandInOptions.from(new String[] {"0", "render-polls=25",
                "output-bytes=2000000", "chunk-bytes=65536", "chunk-delay-ms=150"})).start(0);
        byte[] original = Files.readAllBytes(video(inbox().resolve("holiday.avi")));
        Map<String, String> settings = settings("nemo");

        // SIGTERM while the job waits for its render: nothing is in flight, the job stays at its stage
        Process app = start(settings, "mid-render");
        awaitOrFail(app, () -> stage().equals("RENDERING"), "the render to be under way");
        app.destroy();
        awaitExit(app);
        assertLeftInTheInbox("holiday.avi", original, "RENDERING");

        // SIGTERM during the download, a step under way: it may finish or not, but the file does not fail
        app = start(settings, "mid-download");
        awaitOrFail(app, () -> !tempOutputs().isEmpty(), "the download to start");
        app.destroy();
        awaitExit(app);
        assertThat(names(failed())).isEmpty();
        assertThat(Files.readAllBytes(inbox().resolve("holiday.avi"))).isEqualTo(original);
        assertThat(names(outbox())).noneMatch(name -> name.endsWith(".mp4"));

        assertThat(runOnce(settings)).isEqualTo(0);
        assertConverted("holiday.avi", original);
        JsonNode stats = standInStats();
        assertThat(stats.path("run_sse_total").asInt()).isEqualTo(1);
        assertThat(stats.path("sessions").asInt()).isEqualTo(1);
    }

    private void assertLeftInTheInbox(String name, byte[] original, String stage) throws IOException {
        assertThat(names(failed())).isEmpty();
        assertThat(Files.readAllBytes(inbox().resolve(name))).isEqualTo(original);
        assertThat(names(outbox())).isEmpty();
        assertThat(stage()).isEqualTo(stage);
    }

    private void assertConverted(String name, byte[] original) throws IOException {
        String mp4 = name.replaceFirst("\\.avi$", ".mp4");
        assertThat(names(outbox())).containsExactly(mp4);
        assertThat(Files.readAllBytes(root.resolve("archive").resolve(name))).isEqualTo(original);
        assertThat(names(inbox())).isEmpty();
        assertThat(names(failed())).isEmpty();
    }

    /**
     * Six seconds at 1080p: the encode takes several times longer than the shrunk shutdown timeout, so a stop
     * always finds it running.
     */
    private static Path video(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        List<String> args = List.of("-hide_banner", "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=640x480:rate=25:duration=6",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=6",
                "-c:v", "mpeg4", "-q:v", "5", "-c:a", "pcm_s16le", file.toString());
        FfmpegRun.Outcome made = new FfmpegRun(TestSources.ffmpeg(), new FfmpegProcesses())
                .capture(args, Duration.ofMinutes(1));
        assertThat(made.exitCode()).as("making %s: %s", file.getFileName(), made.stderr()).isZero();
        return file;
    }

    /** Environment variables, as a service unit would set them; every wait shrunk. */
    private Map<String, String> settings(String engine) {
        Map<String, String> settings = new HashMap<>();
        settings.put("MP4DROP_INBOX", inbox().toString());
        settings.put("MP4DROP_OUTBOX", outbox().toString());
        settings.put("MP4DROP_FAILED", failed().toString());
        settings.put("MP4DROP_ARCHIVE", root.resolve("archive").toString());
        settings.put("MP4DROP_STATE", root.resolve("state").toString());
        settings.put("MP4DROP_BATCH", root.resolve("batch").toString());
        settings.put("MP4DROP_ENGINE", engine);
        settings.put("MP4DROP_FFMPEG", TestSources.ffmpeg().path().toString());
        settings.put("MP4DROP_INBOX_STABLE_TIME", "500ms");
        settings.put("MP4DROP_INBOX_POLL_DELAY", "200ms");
        settings.put("MP4DROP_JOBS_TICK", "100ms");
        settings.put("MP4DROP_RENDER_POLL_INTERVAL", "200ms");
        settings.put("MP4DROP_RENDER_MAX_POLLS", "100");
        settings.put("MP4DROP_DRAFT_FIRST_CHECK", "200ms");
        settings.put("MP4DROP_PROGRESS_VIEW", "false");
        // how long Camel lets files in flight finish after a stop: shorter than any encode or download here,
        // so that the stop ends them
        settings.put("CAMEL_MAIN_SHUTDOWN_TIMEOUT", "1");
        settings.put("CAMEL_MANAGEMENT_ENABLED", "false");
        String api = standIn != null ? standIn.url() : "http://127.0.0.1:9";
        settings.put("NEMO_API_URL", api);
        settings.put("NEMO_WEB_URL", api);
        settings.put("NEMO_TOKEN", standIn != null ? NemoStandInServer.TOKEN : "");
        return settings;
    }

    private Process start(Map<String, String> settings, String logName, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", appClasspath(), "mp4drop.Mp4dropMain"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .redirectOutput(root.resolve(logName + ".log").toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("MP4DROP_") || key.startsWith("NEMO_")
                || key.startsWith("CAMEL_"));
        builder.environment().putAll(settings);
        Process app = builder.start();
        apps.put(app, root.resolve(logName + ".log"));
        return app;
    }

    /** The application as packaged: its classes and libraries, without the tests' classes and log settings. */
    private static String appClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private int runOnce(Map<String, String> settings) throws Exception {
        Process app = start(settings, "once", "--once");
        if (!app.waitFor(CONVERSION.toSeconds(), TimeUnit.SECONDS)) {
            fail("the --once run did not end in time; its log:%n%s", Files.readString(apps.get(app)));
        }
        return app.exitValue();
    }

    private void awaitOrFail(Process app, BooleanSupplier condition, String what) throws Exception {
        try {
            await(what).atMost(STEP).failFast("mp4drop ended", () -> !app.isAlive()).until(condition::getAsBoolean);
        } catch (ConditionTimeoutException | TerminalFailureException inVain) {
            fail("waited in vain for %s; the app's log:%n%s", what, Files.readString(apps.get(app)));
        }
    }

    private void awaitExit(Process app) throws Exception {
        if (!app.waitFor(STEP.toSeconds(), TimeUnit.SECONDS)) {
            fail("mp4drop did not stop after SIGTERM; its log:%n%s", Files.readString(apps.get(app)));
        }
    }

    private boolean encodeWritingOutput() {
        return tempOutputs().stream().anyMatch(temp -> temp.toFile().length() > 0);
    }

    private List<Path> tempOutputs() {
        try (Stream<Path> files = Files.list(outbox())) {
            return files.filter(file -> file.getFileName().toString().endsWith(".mp4.part")).toList();
        } catch (IOException noOutboxYet) {
            return List.of();
        }
    }

    /** The stage in the one job record of the state folder; empty while there is none. */
    private String stage() {
        try (Stream<Path> records = Files.list(root.resolve("state").resolve("jobs"))) {
            List<Path> jobs = records.filter(file -> file.getFileName().toString().endsWith(".json")).toList();
            return jobs.size() != 1 ? "" : JsonMapping.MAPPER.readTree(jobs.get(0).toFile()).path("stage").asText();
        } catch (IOException notYet) {
            return "";
        }
    }

    private JsonNode standInStats() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(standIn.url() + "/_standin/stats")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonMapping.MAPPER.readTree(answer.body());
    }

    private Path inbox() {
        return root.resolve("inbox");
    }

    private Path outbox() {
        return root.resolve("outbox");
    }

    private Path failed() {
        return root.resolve("failed");
    }

    private static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
