package mp4drop;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** The events of the "mp4drop" logger while it is open, to check what a person would read in the log. */
public final class CapturedLog implements AutoCloseable {
    private final List<LogEvent> events = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final String loggerName;

    public CapturedLog() {
        this("mp4drop");
    }

    /** The events of the logger configured as {@code loggerName}; "" is the root logger: every library's. */
    public CapturedLog(String loggerName) {
        this.loggerName = loggerName;
        appender = new AbstractAppender("captured-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                events.add(event.toImmutable());
            }
        };
        appender.start();
        context.getConfiguration().getLoggerConfig(loggerName).addAppender(appender, Level.ALL, null);
        context.updateLoggers();
    }

    public List<LogEvent> events() {
        return events;
    }

    public List<LogEvent> at(Level level) {
        return events.stream().filter(event -> event.getLevel() == level).toList();
    }

    @Override
    public void close() {
        context.getConfiguration().getLoggerConfig(loggerName).removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
