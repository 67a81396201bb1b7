package mp4drop.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import mp4drop.batch.BatchSchedule;
import mp4drop.failure.InvalidSetting;

/**
 * Every key of config/application.properties with the kind of value it takes and its range. All of them
 * are checked once, at start-up, before Camel reads any: a bad value stops mp4drop with one line that
 * names the key, the value given and what is expected, instead of a stack trace from deep inside.
 */
public final class SettingRules {
    // how often something is looked at: below this a poll is a busy loop
    private static final Duration OFTEN = Duration.ofMillis(10);
    // how long to wait for an answer or a state: below this nothing real can happen in time
    private static final Duration WAIT = Duration.ofMillis(100);
    private static final Map<String, BiConsumer<TypedProperties, String>> RULES = rules();

    private SettingRules() {
    }

    /** The keys with a rule: every key config/application.properties has. */
    public static Set<String> keys() {
        return Collections.unmodifiableSet(RULES.keySet());
    }

    /** @throws InvalidSetting for the first key whose value cannot be used, or two folders that overlap */
    public static void check(TypedProperties settings) {
        RULES.forEach((key, rule) -> rule.accept(settings, key));
        WorkFolders.checkApart(settings);
    }

    private static Map<String, BiConsumer<TypedProperties, String>> rules() {
        Map<String, BiConsumer<TypedProperties, String>> rules = new LinkedHashMap<>();
        for (String folder : List.of("mp4drop.inbox", "mp4drop.outbox", "mp4drop.failed", "mp4drop.archive",
                "mp4drop.state")) {
            rules.put(folder, WorkFolders::checkWritable);
        }
        rules.put("mp4drop.instruction", TypedProperties::text);
        rules.put("mp4drop.extensions", SettingRules::extensions);
        rules.put("mp4drop.max-file-size", optional(TypedProperties::bytes));
        rules.put("mp4drop.links.max-size", TypedProperties::bytes);
        rules.put("mp4drop.links.stall-timeout", duration(WAIT));
        rules.put("mp4drop.reconvert-duplicates", TypedProperties::bool);
        rules.put("mp4drop.engine", oneOf("auto", "nemo", "local"));
        rules.put("mp4drop.engine.fallback", oneOf("local", "none"));
        rules.put("mp4drop.concurrency", count(1));
        rules.put("mp4drop.inbox.stable-time", duration(WAIT));
        rules.put("mp4drop.inbox.poll-delay", duration(OFTEN));
        rules.put("mp4drop.credits.per-file", count(1));
        rules.put("mp4drop.webhook.url", optional(TypedProperties::url));
        rules.put("mp4drop.batch", WorkFolders::checkWritable);
        for (String batch : List.of("mp4drop.batch.cron", "mp4drop.batch.time-zone", "mp4drop.batch.window-end")) {
            rules.put(batch, SettingRules::batchSchedule);
        }
        rules.put("mp4drop.render.poll-interval", duration(WAIT));
        rules.put("mp4drop.render.max-polls", count(1));
        rules.put("mp4drop.render.max-submissions", count(1));
        rules.put("mp4drop.draft.first-check", duration(WAIT));
        rules.put("mp4drop.draft.check-interval", duration(WAIT));
        rules.put("mp4drop.draft.max-unchanged-checks", count(1));
        // 0: no retry at all
        rules.put("mp4drop.retry.max-attempts", count(0));
        rules.put("mp4drop.retry.first-delay", duration(OFTEN));
        rules.put("mp4drop.retry.max-delay",
                (settings, key) -> settings.duration(key, settings.duration("mp4drop.retry.first-delay")));
        rules.put("mp4drop.jobs.tick", duration(OFTEN));
        rules.put("mp4drop.ffmpeg", optional(SettingRules::executable));
        rules.put("mp4drop.local.concurrency", optional(count(1)));
        rules.put("mp4drop.local.time-limit-factor", TypedProperties::number);
        rules.put("mp4drop.local.minimum-time-limit", duration(Duration.ofSeconds(1)));
        rules.put("nemo.api-url", TypedProperties::url);
        rules.put("nemo.web-url", TypedProperties::url);
        rules.put("nemo.token", SettingRules::withoutSpaces);
        rules.put("nemo.client-id", SettingRules::withoutSpaces);
        for (String header : List.of("nemo.skill-source", "nemo.skill-version", "nemo.skill-platform")) {
            rules.put(header, TypedProperties::text);
        }
        for (String timeout : List.of("nemo.connect-timeout", "nemo.request-timeout", "nemo.upload-timeout",
                "nemo.sse.idle-timeout", "nemo.sse.max-duration", "nemo.download.stall-timeout",
                "nemo.probe-timeout")) {
            rules.put(timeout, duration(WAIT));
        }
        rules.put("nemo.download.max-size", TypedProperties::bytes);
        rules.put("nemo.max-upload-size", TypedProperties::bytes);
        rules.put("mp4drop.once", TypedProperties::bool);
        rules.put("mp4drop.progress-view", TypedProperties::bool);
        rules.put("mp4drop.routes.reload", TypedProperties::bool);
        rules.put("mp4drop.cluster.jdbc-url", optional(SettingRules::jdbcUrl));
        rules.put("mp4drop.cluster.user", optional(SettingRules::withoutSpaces));
        rules.put("mp4drop.cluster.password", optional(SettingRules::passwordWithUser));
        rules.put("mp4drop.cluster.node", optional(SettingRules::withoutSpaces));
        rules.put("mp4drop.cluster.lock-folder", WorkFolders::checkWritable);
        rules.put("mp4drop.cluster.lease", duration(Duration.ofSeconds(1)));
        rules.put("mp4drop.cluster.lease-renewal", (settings, key) -> {
            Duration renewal = settings.duration(key, WAIT);
            if (renewal.compareTo(settings.duration("mp4drop.cluster.lease")) >= 0) {
                throw new InvalidSetting(key, settings.text(key),
                        "a duration shorter than mp4drop.cluster.lease, so that a live instance keeps its jobs");
            }
        });
        // set at start-up by Mp4dropBeans for the routes: the file holds a single machine's values
        rules.put("mp4drop.cluster.enabled", computed("false", "from mp4drop.cluster.jdbc-url"));
        rules.put("mp4drop.cluster.intake", computed("", "from mp4drop.cluster.jdbc-url"));
        rules.put("mp4drop.batch.catch-up", computed("true", "for the watching service on a single machine"));
        rules.put("mp4drop.web.off", computed("false", "from camel.management.enabled"));
        rules.put("mp4drop.web.host", SettingRules::host);
        rules.put("mp4drop.web.port", SettingRules::port);
        rules.put("mp4drop.web.token", SettingRules::withoutSpaces);
        rules.put("mp4drop.web.uploads-at-once", SettingRules::uploadsAtOnce);
        rules.put("mp4drop.web.upload-window", duration(WAIT));
        rules.put("mp4drop.web.upload-min-rate", TypedProperties::bytes);
        rules.put("camel.management.enabled", TypedProperties::bool);
        rules.put("camel.management.host", SettingRules::host);
        rules.put("camel.management.port", SettingRules::port);
        rules.put("camel.management.health-check-enabled", TypedProperties::bool);
        rules.put("camel.management.metrics-enabled", TypedProperties::bool);
        rules.put("camel.metrics.enabled", TypedProperties::bool);
        rules.put("camel.metrics.enable-exchange-event-notifier", TypedProperties::bool);
        rules.put("camel.main.name", TypedProperties::text);
        rules.put("camel.main.routes-include-pattern", TypedProperties::text);
        rules.put("camel.main.configuration-classes", SettingRules::classes);
        rules.put("camel.main.auto-configuration-environment-variables-enabled", TypedProperties::bool);
        rules.put("camel.main.stream-caching-enabled", TypedProperties::bool);
        rules.put("camel.component.http.automatic-retries-disabled", TypedProperties::bool);
        rules.put("camel.component.quartz.interrupt-jobs-on-shutdown", TypedProperties::bool);
        // Camel takes whole seconds here
        rules.put("camel.main.shutdown-timeout", count(1));
        return rules;
    }

    // the HTTP server has 20 worker threads for the whole page: uploads may hold at most half of them
    private static void uploadsAtOnce(TypedProperties settings, String key) {
        if (settings.count(key, 1) > 10) {
            throw new InvalidSetting(key, settings.text(key),
                    "a whole number from 1 to 10, so that uploads leave the page's other requests threads to run on");
        }
    }

    private static BiConsumer<TypedProperties, String> count(int minimum) {
        return (settings, key) -> settings.count(key, minimum);
    }

    private static BiConsumer<TypedProperties, String> duration(Duration minimum) {
        return (settings, key) -> settings.duration(key, minimum);
    }

    private static BiConsumer<TypedProperties, String> optional(BiConsumer<TypedProperties, String> rule) {
        return (settings, key) -> {
            if (settings.optional(key).isPresent()) {
                rule.accept(settings, key);
            }
        };
    }

    private static BiConsumer<TypedProperties, String> computed(String shipped, String setBy) {
        return (settings, key) -> {
            String value = settings.optional(key).orElse("");
            if (!value.equals(shipped)) {
                throw new InvalidSetting(key, value, (shipped.isEmpty() ? "nothing" : shipped)
                        + ", as shipped: mp4drop sets this key itself at start-up, " + setBy);
            }
        };
    }

    private static BiConsumer<TypedProperties, String> oneOf(String... choices) {
        return (settings, key) -> {
            String value = settings.text(key);
            if (!Arrays.asList(choices).contains(value)) {
                int last = choices.length - 1;
                throw new InvalidSetting(key, value, last == 0 ? choices[0]
                        : String.join(", ", Arrays.copyOf(choices, last)) + " or " + choices[last]);
            }
        };
    }

    private static void extensions(TypedProperties settings, String key) {
        List<String> extensions = settings.list(key);
        if (extensions.isEmpty() || !extensions.stream().allMatch(name -> name.matches("[a-z0-9]+"))) {
            throw new InvalidSetting(key, settings.text(key), "file extensions without dots, such as mp4,mov,avi");
        }
    }

    // the schedule knows its own keys: whichever of the three is unusable is the one named
    private static void batchSchedule(TypedProperties settings, String key) {
        new BatchSchedule(settings.text("mp4drop.batch.cron"), settings.optional("mp4drop.batch.time-zone").orElse(""),
                settings.optional("mp4drop.batch.window-end").orElse(""));
    }

    private static void executable(TypedProperties settings, String key) {
        Path file = Path.of(settings.text(key));
        if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
            throw new InvalidSetting(key, settings.text(key),
                    "the path of an ffmpeg program this user can run, or nothing to find one");
        }
    }

    private static void jdbcUrl(TypedProperties settings, String key) {
        if (!settings.text(key).startsWith("jdbc:postgresql://")) {
            throw new InvalidSetting(key, TypedProperties.shown(key, settings.text(key)),
                    "a PostgreSQL JDBC URL such as jdbc:postgresql://db-host:5432/mp4drop, or nothing for a single machine");
        }
    }

    private static void passwordWithUser(TypedProperties settings, String key) {
        if (settings.optional("mp4drop.cluster.user").isEmpty()) {
            throw new InvalidSetting(key, TypedProperties.shown(key, settings.text(key)),
                    "to go with a role name in mp4drop.cluster.user");
        }
    }

    private static void withoutSpaces(TypedProperties settings, String key) {
        settings.optional(key).filter(value -> value.chars().anyMatch(c -> c <= ' ' || Character.isISOControl(c)))
                .ifPresent(value -> {
                    throw new InvalidSetting(key, TypedProperties.shown(key, value), "a value without spaces");
                });
    }

    private static void host(TypedProperties settings, String key) {
        String value = settings.text(key);
        if (!value.matches("[A-Za-z0-9.\\-]+|\\[?[0-9A-Fa-f:.]+]?")) {
            throw new InvalidSetting(key, value, "a host name or address such as 127.0.0.1, localhost or 0.0.0.0");
        }
    }

    private static void port(TypedProperties settings, String key) {
        String value = settings.text(key);
        if (!value.matches("[0-9]{1,5}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 65535) {
            throw new InvalidSetting(key, value, "a port number from 1 to 65535");
        }
    }

    private static void classes(TypedProperties settings, String key) {
        for (String name : settings.text(key).split(",")) {
            try {
                Class.forName(name.trim(), false, SettingRules.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new InvalidSetting(key, settings.text(key), "configuration classes that exist, such as "
                        + Mp4dropBeans.class.getName());
            }
        }
    }
}
