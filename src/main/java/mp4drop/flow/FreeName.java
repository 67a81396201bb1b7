package mp4drop.flow;

import java.io.IOException;
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
        return dot > 0 ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot) : name + " (" + n + ")";
    }
}
