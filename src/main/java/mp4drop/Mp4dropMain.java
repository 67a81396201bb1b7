package mp4drop;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import mp4drop.cli.CreditsCommand;
import mp4drop.cli.PlanCommand;
import mp4drop.cli.StatusCommand;
import mp4drop.config.CommandProperties;
import mp4drop.config.ManagementPort;
import mp4drop.config.SettingRules;
import mp4drop.config.TypedProperties;
import mp4drop.failure.InvalidSetting;
import mp4drop.report.ProgressView;
import mp4drop.report.TerminalProgress;
import mp4drop.run.RunMonitor;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts mp4drop: the routes in routes/*.camel.yaml with the settings of config/application.properties.
 * Without arguments it watches the inbox until stopped; {@code --once} drains it and exits with
 * 0 (all converted), 1 (some failed), 3 (stopped early, files left in the inbox) or 2 (configuration or
 * start-up error). Every setting is checked before any command runs or any route starts, so a bad one is
 * one line naming its key, not an error from deep inside Camel.
 */
public final class Mp4dropMain {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");
    static final int CONFIGURATION_ERROR = 2;
    private static final String USAGE = """
            Usage: ./run.sh [--once | --plan | status | credits | --help]
              (nothing)  watch the inbox (and run the nightly batch) until stopped
              --once     convert what is in the inbox, wait for every render, exit
              --plan     list what would be converted, how and why, without converting or spending
              status     what waits, uploads, renders, is done and failed
              credits    print the NemoVideo credit balance
              --help     this text""";
    private static final Set<List<String>> COMMANDS =
            Set.of(List.of(), List.of("--once"), List.of("--plan"), List.of("status"), List.of("credits"));

    private Mp4dropMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Map.of()));
    }

    /** Runs one command; {@code overrides} win over every other setting (tests use them). */
    public static int run(String[] args, Map<String, String> overrides) {
        return run(args, System.getenv(), overrides);
    }

    /** Runs one command as if {@code environment} were the process's environment. */
    static int run(String[] args, Map<String, String> environment, Map<String, String> overrides) {
        List<String> words = List.of(args);
        if (words.equals(List.of("--help")) || words.equals(List.of("-h")) || words.equals(List.of("help"))) {
            System.out.println(USAGE);
            return 0;
        }
        if (!COMMANDS.contains(words)) {
            System.err.println("Unknown arguments: " + String.join(" ", words) + System.lineSeparator() + USAGE);
            return CONFIGURATION_ERROR;
        }
        Map<String, String> winning = new HashMap<>();
        TypedProperties settings;
        try {
            // --once decides mp4drop.once; only a test's overrides come after it
            winning.putAll(CommandProperties.fromEnvironment(environment));
            winning.put("mp4drop.once", String.valueOf(words.contains("--once")));
            winning.putAll(overrides);
            settings = CommandProperties.load(winning);
            SettingRules.check(settings);
            if (words.isEmpty() || words.equals(List.of("--once"))) {
                ManagementPort.checkFree(settings);
            }
        } catch (InvalidSetting e) {
            LOG.error(e.getMessage());
            return CONFIGURATION_ERROR;
        }
        try {
            if (words.equals(List.of("credits"))) {
                return CreditsCommand.run(settings, System.out);
            }
            if (words.equals(List.of("status"))) {
                return StatusCommand.run(settings, System.out);
            }
            if (words.equals(List.of("--plan"))) {
                return PlanCommand.run(settings, System.out);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println(e.getMessage());
            return CONFIGURATION_ERROR;
        }
        return runPipeline(words.contains("--once"), winning);
    }

    private static int runPipeline(boolean once, Map<String, String> overrides) {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation(CommandProperties.LOCATION);
        overrides.forEach(main::addOverrideProperty);
        AtomicInteger exitCode = new AtomicInteger(CONFIGURATION_ERROR);
        main.addMainListener(new MainListenerSupport() {
            private RunMonitor monitor;

            @Override
            public void afterStart(BaseMainSupport started) {
                exitCode.set(0);
                monitor = started.getCamelContext().getRegistry().lookupByNameAndType("runMonitor", RunMonitor.class);
                TerminalProgress view = once && ProgressView.shouldUse(!liveView(started))
                        ? TerminalProgress.takeOverConsole(started.getCamelContext().getExecutorServiceManager(), "out",
                                monitor::progress) : null;
                monitor.finished().thenAccept(code -> {
                    if (view != null) {
                        view.finish();
                    }
                    exitCode.set(code);
                    main.completed();
                });
            }

            @Override
            public void beforeStop(BaseMainSupport stopping) {
                // Camel Main calls this only after a start that went through afterStart
                try {
                    monitor.awaitLastLook();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        try {
            main.run();
        } catch (Exception e) {
            LOG.error("mp4drop could not start: {}", rootMessage(e));
            return CONFIGURATION_ERROR;
        }
        return exitCode.get();
    }

    private static boolean liveView(BaseMainSupport started) {
        return Boolean.parseBoolean(started.getCamelContext().getPropertiesComponent()
                .resolveProperty("mp4drop.progress-view").orElse("true"));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
