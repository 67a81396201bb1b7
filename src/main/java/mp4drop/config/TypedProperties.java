package mp4drop.config;

import java.net.URI;
import java.net.URISyntaxException;
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
 * values, failing with the key's name, the value given and what is expected when a value does not parse
 * or lies below its minimum.
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
        return optional(key).orElseThrow(() -> new InvalidSetting(key, "", "a value: this key must not be empty"));
    }

    public Path folder(String key) {
        return Path.of(text(key)).toAbsolutePath().normalize();
    }

    public int count(String key) {
        return count(key, 0);
    }

    public int count(String key, int minimum) {
        String value = text(key);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= minimum) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the key's name
        }
        throw new InvalidSetting(key, value, "a whole number of at least " + minimum);
    }

    public Duration duration(String key) {
        return duration(key, Duration.ZERO);
    }

    public Duration duration(String key, Duration minimum) {
        String value = text(key);
        Duration parsed;
        try {
            parsed = TimeUtils.toDuration(value);
        } catch (RuntimeException e) {
            throw new InvalidSetting(key, value, "a duration such as 500ms, 30s or 10m");
        }
        if (parsed.compareTo(minimum) < 0) {
            throw new InvalidSetting(key, value, "a duration of at least " + TimeUtils.printDuration(minimum, true));
        }
        return parsed;
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
            long size = Math.multiplyExact(Long.parseLong(value), unit);
            if (size > 0) {
                return size;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below with the key's name
        }
        throw new InvalidSetting(key, text(key), "a size above 0 such as 500MB or 2GB");
    }

    /** A size that may be left empty for "no limit": then Long.MAX_VALUE. */
    public long bytesOrUnlimited(String key) {
        return optional(key).isPresent() ? bytes(key) : Long.MAX_VALUE;
    }

    public boolean bool(String key) {
        String value = text(key);
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new InvalidSetting(key, value, "true or false");
    }

    /** A positive decimal number, such as a factor. */
    public double number(String key) {
        String value = text(key);
        try {
            double parsed = Double.parseDouble(value);
            if (parsed > 0 && Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the key's name
        }
        throw new InvalidSetting(key, value, "a number above 0 such as 30 or 2.5");
    }

    /** An http:// or https:// address with a host. */
    public URI url(String key) {
        String value = text(key);
        try {
            URI parsed = new URI(value);
            String scheme = parsed.getScheme();
            if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && parsed.getHost() != null) {
                return parsed;
            }
        } catch (URISyntaxException e) {
            // reported below with the key's name
        }
        throw new InvalidSetting(key, shown(key, value), "an http:// or https:// address with a host name");
    }

    public List<String> list(String key) {
        return Arrays.stream(text(key).split(","))
                .map(item -> item.trim().toLowerCase(Locale.ROOT))
                .filter(item -> !item.isEmpty())
                .toList();
    }

    /** The value as an error may show it: never a token, and of a webhook address only its start. */
    static String shown(String key, String value) {
        if (key.equals("nemo.token") || key.equals("mp4drop.web.token") || key.equals("mp4drop.cluster.password")) {
            return "(hidden)";
        }
        if (key.equals("mp4drop.cluster.jdbc-url") && value.contains("?")) {
            // its parameters may carry a password
            return value.substring(0, value.indexOf('?')) + "?...";
        }
        return key.equals("mp4drop.webhook.url") && value.length() > 12 ? value.substring(0, 12) + "..." : value;
    }
}
