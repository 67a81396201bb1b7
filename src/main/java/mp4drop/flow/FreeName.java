package mp4drop.flow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Moves a file into a folder under a name nobody uses yet: {@code clip.mp4}, else {@code clip (2).mp4},
 * {@code clip (3).mp4}... A hard link claims the name atomically and fails if it exists, so two files that
 * finish at once can never overwrite each other.
 */
public final class FreeName {
    private static final int MAX_NAME_BYTES = 255;
    private FreeName() {
    }

    public static Path moveTo(Path file, Path folder, String wanted) throws IOException {
        Files.createDirectories(folder);
        for (int n = 1; ; n++) {
            Path target = folder.resolve(numbered(wanted, n));
            try {
                Files.createLink(target, file);
                Files.delete(file);
                return target;
            } catch (FileAlreadyExistsException taken) {
                // try the next number
            } catch (UnsupportedOperationException | IOException noLinks) {
                if (!Files.exists(target)) {
                    return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
    }

    static String numbered(String name, int n) {
        if (n == 1) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        return fit(stem, " (" + n + ")" + extension);
    }

    /**
     * {@code stem + suffix}, the stem shortened when needed so that the name stays within the 255 bytes
     * most file systems allow (a long input name must not make its error file or its copy impossible).
     */
    public static String fit(String stem, String suffix) {
        int room = MAX_NAME_BYTES - suffix.getBytes(StandardCharsets.UTF_8).length;
        String shortened = stem;
        while (shortened.getBytes(StandardCharsets.UTF_8).length > room) {
            shortened = shortened.substring(0, shortened.offsetByCodePoints(shortened.length(), -1));
        }
        return shortened + suffix;
    }
}
