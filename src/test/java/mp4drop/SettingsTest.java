package mp4drop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import mp4drop.config.SettingRules;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad settings, overlapping folders and a busy port stop {@code ./run.sh --once} at start-up with exit 2
 * and one line that names the key, through the entry point run.sh uses, before any route starts.
 */
class SettingsTest {
    private static final List<String> FOLDERS = List.of("mp4drop.inbox", "mp4drop.outbox", "mp4drop.failed",
            "mp4drop.archive", "mp4drop.state", "mp4drop.batch");

    @TempDir
    Path root;
    private Map<String, String> good;

    @BeforeEach
    void goodSettings() {
        good = new HashMap<>();
        for (String folder : FOLDERS) {
            good.put(folder, root.resolve(folder.substring("mp4drop.".length())).toString());
        }
        good.put("mp4drop.engine", "local");
        good.put("nemo.api-url", "http://127.0.0.1:9");
        good.put("camel.management.enabled", "false");
    }

    @Test
    void everyKeyOfTheSettingsFileHasARuleAndABadValueStopsTheStartWithOneLineNamingIt() throws IOException {
        Set<String> keys = settingsFileKeys();
        Map<String, String> bad = badValues();
        assertThat(SettingRules.keys()).as("a rule for every key of config/application.properties")
                .containsExactlyInAnyOrderElementsOf(keys);
        assertThat(bad.keySet()).as("a bad value in this test for every key").containsExactlyInAnyOrderElementsOf(keys);

        for (String key : keys) {
            Map<String, String> settings = new HashMap<>(good);
            settings.put(key, bad.get(key));
            assertStopsWithOneLine(settings, Map.of(), key);
        }
    }

    @Test
    void theEnvironmentSetsMp4dropKeysAndTheLineNamesTheVariable() {
        String line = assertStopsWithOneLine(good, Map.of("MP4DROP_INBOX_POLL_DELAY", "soon"), "mp4drop.inbox.poll-delay");

        assertThat(line).contains("MP4DROP_INBOX_POLL_DELAY").contains("'soon'").contains("a duration");
    }

    @Test
    void aFolderMp4dropWritesIntoMayNotBeTheInboxNorLieInsideItNorHoldIt() {
        Path inbox = Path.of(good.get("mp4drop.inbox"));
        for (String key : List.of("mp4drop.outbox", "mp4drop.failed", "mp4drop.archive", "mp4drop.state",
                "mp4drop.batch")) {
            for (Path folder : List.of(inbox, inbox.resolve("sub"), inbox.getParent())) {
                Map<String, String> settings = new HashMap<>(good);
                settings.put(key, folder.toString());
                assertThat(assertStopsWithOneLine(settings, Map.of(), key)).contains("mp4drop.inbox");
            }
        }
        Path batch = Path.of(good.get("mp4drop.batch"));
        for (String key : List.of("mp4drop.outbox", "mp4drop.failed", "mp4drop.archive")) {
            Map<String, String> settings = new HashMap<>(good);
            settings.put(key, batch.resolve("done").toString());
            assertThat(assertStopsWithOneLine(settings, Map.of(), key)).contains("mp4drop.batch");
        }
    }

    @Test
    void aBusyManagementPortNamesTheKeyAndThePortAndNothingStarts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> settings = new HashMap<>(good);
            settings.put("camel.management.enabled", "true");
            settings.put("camel.management.port", String.valueOf(taken.getLocalPort()));

            String line = assertStopsWithOneLine(settings, Map.of(), "camel.management.port");

            assertThat(line).contains("127.0.0.1:" + taken.getLocalPort()).contains("in use");
        }
    }

    /** Runs {@code ./run.sh --once} in this JVM and returns the one ERROR line it logged. */
    private static String assertStopsWithOneLine(Map<String, String> settings, Map<String, String> environment,
            String key) {
        try (CapturedLog log = new CapturedLog()) {
            int exit = Mp4dropMain.run(new String[] {"--once"}, environment, settings);

            List<LogEvent> lines = log.events();
            assertThat(exit).as("exit code for a bad %s", key).isEqualTo(2);
            assertThat(lines).as("the log for a bad %s", key).hasSize(1);
            LogEvent line = lines.get(0);
            String message = line.getMessage().getFormattedMessage();
            assertThat(line.getLevel()).isEqualTo(Level.ERROR);
            assertThat(line.getThrown()).isNull();
            assertThat(message).as("the line for a bad %s", key).contains("Setting " + key + " (").doesNotContain("\n");
            return message;
        }
    }

    private static Set<String> settingsFileKeys() throws IOException {
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/application.properties"))) {
            file.load(reader);
        }
        return file.stringPropertyNames();
    }

    private Map<String, String> badValues() throws IOException {
        Path aFile = Files.writeString(root.resolve("a-file"), "not a folder");
        Map<String, String> bad = new HashMap<>();
        for (String folder : FOLDERS) {
            bad.put(folder, aFile.resolve("folder").toString());
        }
        bad.put("mp4drop.instruction", "");
        bad.put("mp4drop.extensions", ".avi");
        bad.put("mp4drop.max-file-size", "huge");
        bad.put("mp4drop.links.max-size", "0");
        bad.put("mp4drop.links.stall-timeout", "0s");
        bad.put("mp4drop.reconvert-duplicates", "yes");
        bad.put("mp4drop.engine", "cloud");
        bad.put("mp4drop.engine.fallback", "ffmpeg");
        bad.put("mp4drop.concurrency", "0");
        bad.put("mp4drop.inbox.stable-time", "-5s");
        bad.put("mp4drop.inbox.poll-delay", "soon");
        bad.put("mp4drop.credits.per-file", "0");
        bad.put("mp4drop.webhook.url", "not a url");
        bad.put("mp4drop.batch.cron", "0 0 25 * * ?");
        bad.put("mp4drop.batch.time-zone", "Mars/Olympus");
        bad.put("mp4drop.batch.window-end", "6am");
        bad.put("mp4drop.render.poll-interval", "0s");
        bad.put("mp4drop.render.max-polls", "0");
        bad.put("mp4drop.render.max-submissions", "0");
        bad.put("mp4drop.draft.first-check", "0s");
        bad.put("mp4drop.draft.check-interval", "later");
        bad.put("mp4drop.draft.max-unchanged-checks", "0");
        bad.put("mp4drop.retry.max-attempts", "-1");
        bad.put("mp4drop.retry.first-delay", "0s");
        bad.put("mp4drop.retry.max-delay", "1s");
        bad.put("mp4drop.jobs.tick", "0s");
        bad.put("mp4drop.ffmpeg", root.resolve("no-such-ffmpeg").toString());
        bad.put("mp4drop.local.concurrency", "0");
        bad.put("mp4drop.local.time-limit-factor", "abc");
        bad.put("mp4drop.local.minimum-time-limit", "0s");
        bad.put("nemo.api-url", "not a url");
        bad.put("nemo.web-url", "ftp://nemovideo.com");
        bad.put("nemo.token", "two words");
        bad.put("nemo.client-id", "two words");
        bad.put("nemo.skill-source", "");
        bad.put("nemo.skill-version", "");
        bad.put("nemo.skill-platform", "");
        bad.put("nemo.connect-timeout", "0s");
        bad.put("nemo.request-timeout", "-1s");
        bad.put("nemo.upload-timeout", "forever");
        bad.put("nemo.sse.idle-timeout", "0s");
        bad.put("nemo.sse.max-duration", "0s");
        bad.put("nemo.download.stall-timeout", "0s");
        bad.put("nemo.download.max-size", "0");
        bad.put("nemo.max-upload-size", "big");
        bad.put("nemo.probe-timeout", "0s");
        bad.put("mp4drop.cluster.jdbc-url", "postgres://db/mp4drop");
        bad.put("mp4drop.cluster.user", "two words");
        // a password without a role
        bad.put("mp4drop.cluster.password", "s3cret");
        bad.put("mp4drop.cluster.node", "two words");
        bad.put("mp4drop.cluster.lock-folder", aFile.resolve("folder").toString());
        bad.put("mp4drop.cluster.lease", "0s");
        bad.put("mp4drop.cluster.lease-renewal", "1m");
        bad.put("mp4drop.cluster.enabled", "true");
        bad.put("mp4drop.cluster.intake", "master:intake:");
        bad.put("mp4drop.batch.catch-up", "false");
        bad.put("mp4drop.web.off", "true");
        bad.put("mp4drop.web.host", "my host");
        bad.put("mp4drop.web.port", "99999");
        bad.put("mp4drop.web.token", "two words");
        bad.put("mp4drop.web.uploads-at-once", "20");
        bad.put("mp4drop.web.upload-window", "1ms");
        bad.put("mp4drop.web.upload-min-rate", "fast");
        bad.put("mp4drop.once", "maybe");
        bad.put("mp4drop.progress-view", "yes");
        bad.put("mp4drop.routes.reload", "1");
        bad.put("camel.management.enabled", "on");
        bad.put("camel.management.host", "not a host");
        bad.put("camel.management.port", "http");
        bad.put("camel.management.health-check-enabled", "yes");
        bad.put("camel.management.metrics-enabled", "yes");
        bad.put("camel.metrics.enabled", "yes");
        bad.put("camel.metrics.enable-exchange-event-notifier", "no");
        bad.put("camel.main.name", "");
        bad.put("camel.main.routes-include-pattern", "");
        bad.put("camel.main.configuration-classes", "mp4drop.config.NoSuchBeans");
        bad.put("camel.main.auto-configuration-environment-variables-enabled", "no");
        bad.put("camel.main.stream-caching-enabled", "no");
        bad.put("camel.component.http.automatic-retries-disabled", "no");
        bad.put("camel.component.quartz.interrupt-jobs-on-shutdown", "no");
        bad.put("camel.main.shutdown-timeout", "soon");
        return bad;
    }
}
