package mp4drop.failure;

import java.util.Locale;

/**
 * A configuration value that cannot be used: a start-up error that names the key (and the environment
 * variable that sets it), the value given and what it expects, on one line.
 */
public final class InvalidSetting extends RuntimeException {
    public InvalidSetting(String key, String value, String expected) {
        super("Setting " + key + " (" + environmentVariable(key) + ") = '" + oneLine(value)
                + "' is not usable: expected " + expected);
    }

    public InvalidSetting(String message) {
        super(message);
    }

    // a value with a line break must not split the one line a person reads
    private static String oneLine(String value) {
        return value.replace("\n", "\\n").replace("\r", "\\r").replaceAll("\\p{Cntrl}", "?");
    }

    /** The environment variable that overrides {@code key}, named the Camel way. */
    public static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
