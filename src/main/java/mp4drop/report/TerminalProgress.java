package mp4drop.report;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * The live view of a {@code --once} run on a terminal: log lines scroll as usual and, below them, one line
 * per file in flight and the overall count are redrawn in place. It takes the console over from the log
 * configuration's console appender, so the two never write over each other.
 */
public final class TerminalProgress extends AbstractAppender {
    private final ProgressView view;
    private final Supplier<List<String>> lines;
    private final PrintStream out;
    private final ExecutorServiceManager threads;
    private final ScheduledExecutorService redraws;
    private List<String> shown = List.of();

    private TerminalProgress(ProgressView view, Supplier<List<String>> lines, PrintStream out, PatternLayout layout,
            ExecutorServiceManager threads) {
        super("progress-view", null, layout, true, Property.EMPTY_ARRAY);
        this.view = view;
        this.lines = lines;
        this.out = out;
        this.threads = threads;
        // Camel's pool: a run stopped before finish() still stops redrawing when the context stops
        this.redraws = threads.newSingleThreadScheduledExecutor(this, "progress-view");
    }

    /**
     * Replaces the console appender named {@code consoleName} with the live view, redrawn every 500 ms
     * with what {@code lines} draws on a {@link ProgressView} as wide as the terminal, on a thread of
     * {@code threads}.
     */
    public static TerminalProgress takeOverConsole(ExecutorServiceManager threads, String consoleName,
            Function<ProgressView, List<String>> lines) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        Appender console = config.getAppender(consoleName);
        PatternLayout layout = console != null && console.getLayout() instanceof PatternLayout pattern ? pattern
                : PatternLayout.createDefaultLayout(config);
        ProgressView view = new ProgressView(terminalWidth());
        TerminalProgress progress = new TerminalProgress(view, () -> lines.apply(view), System.out, layout,
                threads);
        progress.start();
        config.addAppender(progress);
        config.getRootLogger().removeAppender(consoleName);
        config.getRootLogger().addAppender(progress, null, null);
        context.updateLoggers();
        progress.redraws.scheduleWithFixedDelay(progress::redraw, 0, 500, TimeUnit.MILLISECONDS);
        return progress;
    }

    @Override
    public synchronized void append(LogEvent event) {
        out.print(view.erase());
        out.print(new String(getLayout().toByteArray(event), StandardCharsets.UTF_8));
        out.print(view.redraw(shown));
        out.flush();
    }

    private synchronized void redraw() {
        shown = lines.get();
        out.print(view.redraw(shown));
        out.flush();
    }

    /** Leaves the last picture of the block on screen and stops redrawing. */
    public synchronized void finish() {
        threads.shutdownNow(redraws);
        redraw();
    }

    private static int terminalWidth() {
        try {
            return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100")));
        } catch (NumberFormatException notANumber) {
            return 100;
        }
    }
}
