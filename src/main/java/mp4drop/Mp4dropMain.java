package mp4drop;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mp4drop.run.RunMonitor;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts mp4drop: the routes in routes/*.yaml with the settings of config/application.properties.
 * Without arguments it watches the inbox until stopped; {@code --once} drains it and exits with
 * 0 (all converted), 1 (some failed), 3 (stopped early, files left in the inbox) or 2 (configuration or
 * start-up error).
 */
public final class Mp4dropMain {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");
    static final int CONFIGURATION_ERROR = 2;

    private Mp4dropMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Map.of()));
    }

    /** Runs until the run is over; {@code overrides} win over every other setting (tests use them). */
    public static int run(String[] args, Map<String, String> overrides) {
        boolean once = false;
        for (String arg : args) {
            if (arg.equals("--once")) {
                once = true;
            } else {
                System.err.println("Unknown argument: " + arg + "\nUsage: run.sh [--once]");
                return CONFIGURATION_ERROR;
            }
        }
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("file:config/application.properties");
        main.addOverrideProperty("mp4drop.once", String.valueOf(once));
        overrides.forEach(main::addOverrideProperty);
        AtomicInteger exitCode = new AtomicInteger(CONFIGURATION_ERROR);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                exitCode.set(0);
                RunMonitor monitor = started.getCamelContext().getRegistry()
                        .lookupByNameAndType("runMonitor", RunMonitor.class);
                monitor.finished().thenAccept(code -> {
                    exitCode.set(code);
                    main.completed();
                });
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

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
