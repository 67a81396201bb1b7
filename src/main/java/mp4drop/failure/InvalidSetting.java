package mp4drop.failure;

/** A configuration value that cannot be used: a start-up error that names the key and what it expects. */
public final class InvalidSetting extends RuntimeException {
    public InvalidSetting(String key, String value, String expected) {
        super("Setting " + key + " = '" + value + "' is not usable: expected " + expected);
    }

    public InvalidSetting(String message) {
        super(message);
    }
}
