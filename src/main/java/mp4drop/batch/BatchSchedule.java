package mp4drop.batch;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import mp4drop.failure.InvalidSetting;
import org.quartz.CronExpression;

/**
 * The nightly batch: when a run starts (a Quartz cron expression in a time zone) and, optionally, the
 * local time after which a run starts no new file, so conversions do not spill into the working day.
 *
 * <p>Fire times follow Quartz: a local time that does not exist on the night clocks go forward (02:00 in
 * most of Europe, the default) is skipped, so that night has no run; a window end in that gap moves
 * later by the length of the gap (02:30 becomes 03:30).
 */
public final class BatchSchedule {
    public static final String DEFAULT_CRON = "0 0 2 * * ?";
    /**
     * Without a window end, a run missed while mp4drop was down is still made up at start-up when its fire
     * time lies at most this far back: a nightly run made up in the early morning is welcome, one made up
     * in the afternoon would surprise whoever is using the machine then.
     */
    public static final Duration CATCH_UP_WITHOUT_WINDOW = Duration.ofHours(6);
    // a window closes at most a day (25 hours on the day clocks go back) after its run's start
    private static final Duration LONGEST_WINDOW = Duration.ofHours(26);
    private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("H:mm").withResolverStyle(ResolverStyle.STRICT);

    private final CronExpression cron;
    private final ZoneId zone;
    private final LocalTime windowEnd;

    /**
     * @param cron      Quartz cron expression ({@code mp4drop.batch.cron})
     * @param timeZone  zone id such as {@code Europe/Berlin}; empty = this machine's zone
     *                  ({@code mp4drop.batch.time-zone})
     * @param windowEnd {@code HH:mm}, or empty for no window end ({@code mp4drop.batch.window-end})
     * @throws InvalidSetting naming the key whose value is unusable
     */
    public BatchSchedule(String cron, String timeZone, String windowEnd) {
        this.zone = zone(timeZone);
        this.cron = cron(cron, zone);
        this.windowEnd = windowEnd(windowEnd);
    }

    /** True while a run that started at {@code runStartedAt} may still start new files. */
    public boolean windowOpen(Instant now, Instant runStartedAt) {
        return windowEnd(runStartedAt).map(now::isBefore).orElse(true);
    }

    /** The first occurrence of the window-end time after the run's start, if there is a window end. */
    public Optional<Instant> windowEnd(Instant runStartedAt) {
        if (windowEnd == null) {
            return Optional.empty();
        }
        ZonedDateTime start = runStartedAt.atZone(zone);
        ZonedDateTime end = ZonedDateTime.of(start.toLocalDate(), windowEnd, zone);
        if (!end.toInstant().isAfter(runStartedAt)) {
            end = ZonedDateTime.of(start.toLocalDate().plusDays(1), windowEnd, zone);
        }
        return Optional.of(end.toInstant());
    }

    /**
     * The run to make up at start-up: the latest fire time before {@code now} that is after the last
     * recorded run start and whose window is still open now (without a window end: that fired at most
     * {@link #CATCH_UP_WITHOUT_WINDOW} ago).
     *
     * @param lastRunStart the last recorded run start, or null when no run was ever recorded
     */
    public Optional<Instant> missedRun(Instant now, Instant lastRunStart) {
        // without a window end, the look-back itself is the catch-up limit
        Duration lookBack = windowEnd == null ? CATCH_UP_WITHOUT_WINDOW : LONGEST_WINDOW;
        Instant from = now.minus(lookBack);
        if (lastRunStart != null && lastRunStart.isAfter(from)) {
            from = lastRunStart;
        }
        Instant latest = null;
        for (Instant fire = fireAfter(from); fire != null && fire.isBefore(now); fire = fireAfter(fire)) {
            latest = fire;
        }
        // window ends only move forward with their runs' starts: if the latest missed run's window is
        // closed, every earlier one's is too
        if (latest == null || !windowOpen(now, latest)) {
            return Optional.empty();
        }
        return Optional.of(latest);
    }

    /** The next fire time strictly after {@code after}, or null when the expression never fires again. */
    public Instant nextRun(Instant after) {
        return fireAfter(after);
    }

    public String cronExpression() {
        return cron.getCronExpression();
    }

    public ZoneId zone() {
        return zone;
    }

    // CronExpression keeps mutable state while it computes: calls must not overlap
    private synchronized Instant fireAfter(Instant after) {
        Date next = cron.getTimeAfter(Date.from(after));
        return next == null ? null : next.toInstant();
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(timeZone.trim());
        } catch (DateTimeException e) {
            throw new InvalidSetting("mp4drop.batch.time-zone", timeZone,
                    "a time zone id such as Europe/Berlin, America/New_York or UTC");
        }
    }

    private static CronExpression cron(String expression, ZoneId zone) {
        if (expression == null || expression.isBlank()) {
            throw new InvalidSetting("mp4drop.batch.cron", "", "a Quartz cron expression such as " + DEFAULT_CRON);
        }
        try {
            CronExpression parsed = new CronExpression(expression.trim());
            parsed.setTimeZone(TimeZone.getTimeZone(zone));
            return parsed;
        } catch (ParseException e) {
            throw new InvalidSetting("mp4drop.batch.cron", expression,
                    "a Quartz cron expression (seconds minutes hours day-of-month month day-of-week), such as "
                            + DEFAULT_CRON + " for 02:00 every night; " + e.getMessage());
        }
    }

    private static LocalTime windowEnd(String windowEnd) {
        if (windowEnd == null || windowEnd.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(windowEnd.trim(), HOURS_MINUTES);
        } catch (DateTimeParseException e) {
            throw new InvalidSetting("mp4drop.batch.window-end", windowEnd,
                    "a local time HH:mm such as 06:00, or nothing for no window end");
        }
    }
}
