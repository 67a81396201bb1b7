package mp4drop.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

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
            if (claim(file, target)) {
                Files.deleteIfExists(file);
                return target;
            }
        }
    }

    /**
     * Like {@link #moveTo}, for moves that must survive a kill: {@code record} is told each name before it is
     * taken on disk. Called again after a kill with the name last recorded, it finishes that move instead of
     * making a second copy under the next free name. Null when there is nothing to move.
     */
    public static Path moveRecorded(Path file, Path folder, String wanted, String recorded, Consumer<Path> record)
            throws IOException {
        if (recorded != null && Files.exists(Path.of(recorded))
                && (!Files.exists(file) || Files.isSameFile(file, Path.of(recorded)))) {
            Files.deleteIfExists(file);
            return Path.of(recorded);
        }
        if (!Files.exists(file)) {
            return null;
        }
        Files.createDirectories(folder);
        for (int n = 1; ; n++) {
            Path target = folder.resolve(numbered(wanted, n));
            record.accept(target);
            if (claim(file, target)) {
                Files.deleteIfExists(file);
                return target;
            }
        }
    }

    /**
     * Gives {@code file} the name {@code target} as well, unless that name is taken (then false). The
     * caller deletes the old name afterwards; where hard links are not possible the file is moved.
     */
    static boolean claim(Path file, Path target) throws IOException {
        try {
            Files.createLink(target, file);
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        } catch (UnsupportedOperationException | IOException noLinks) {
            if (Files.exists(target)) {
                return false;
            }
            Files.move(file, target);
            return true;
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
