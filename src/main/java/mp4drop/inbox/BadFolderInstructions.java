package mp4drop.inbox;

import java.nio.file.Path;

/** A folder settings file mp4drop cannot use: names the file and the key so a person can fix it. */
public final class BadFolderInstructions extends IllegalArgumentException {
    private final transient Path file;
    private final String key;

    public BadFolderInstructions(Path file, String key, String problem) {
        super("Folder settings " + file + ": " + problem);
        this.file = file;
        this.key = key;
    }

    public Path file() {
        return file;
    }

    /** The offending key, or null when the file as a whole cannot be read. */
    public String key() {
        return key;
    }
}
