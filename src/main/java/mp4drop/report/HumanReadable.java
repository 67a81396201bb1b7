package mp4drop.report;

import java.time.Duration;
import java.util.Locale;

/** Sizes and durations as a person reads them in a log line or an error file. */
public final class HumanReadable {
    private HumanReadable() {
    }

    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 120_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return String.format(Locale.ROOT, "%d min %d s", millis / 60_000, millis % 60_000 / 1000);
    }

    public static String since(long startNanos) {
        return duration(Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
