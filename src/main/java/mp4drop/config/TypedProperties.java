package mp4drop.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import mp4drop.failure.InvalidSetting;
import org.apache.camel.util.TimeUtils;

/**
 * Reads mp4drop's configuration keys (see config/application.properties) and turns them into typed
 * values, failing at start-up with the key's name when a value does not parse.
 */
public final class TypedProperties {
    private final Function<String, Optional<String>> lookup;

    public TypedProperties(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    public Optional<String> optional(String key) {
        return lookup.apply(key).map(String::trim).filter(value -> !value.isEmpty());
    }

    public String text(String key) {
        return optional(key).orElseThrow(() -> new InvalidSetting(key, "", "a value is required"));
    }

    public Path folder(String key) {
        return Path.of(text(key)).toAbsolutePath().normalize();
    }

    public int count(String key) {
        String value = text(key);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the key's name
        }
        throw new InvalidSetting(key, value, "a whole number of at least 0");
    }

    public Duration duration(String key) {
        String value = text(key);
        try {
            return TimeUtils.toDuration(value);
        } catch (RuntimeException e) {
            throw new InvalidSetting(key, value, "a duration such as 500ms, 30s or 10m");
        }
    }

    public long bytes(String key) {
        String value = text(key).toUpperCase(Locale.ROOT).replace(" ", "");
        long unit = 1;
        for (String[] suffix : new String[][] {{"GB", "1073741824"}, {"MB", "1048576"}, {"KB", "1024"}, {"B", "1"}}) {
            if (value.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                value = value.substring(0, value.length() - suffix[0].length());
                break;
            }
        }
        try {
            return Long.parseLong(value) * unit;
        } catch (NumberFormatException e) {
            throw new InvalidSetting(key, text(key), "a size such as 500MB or 2GB");
        }
    }

    public List<String> list(String key) {
        return Arrays.stream(text(key).split(","))
                .map(item -> item.trim().toLowerCase(Locale.ROOT))
                .filter(item -> !item.isEmpty())
                .toList();
    }
}
