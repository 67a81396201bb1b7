package mp4drop.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import mp4drop.job.PrivateFolder;
import org.apache.camel.support.service.ServiceSupport;

/**
 * An owner-only folder of the state folder for temporary copies of originals (a downloaded link, a repackaged
 * upload). Each copy is deleted by its user when done; as a Camel service the folder is emptied at start, of
 * what a killed run left behind.
 */
public final class ScratchFolder extends ServiceSupport {
    private final Path folder;

    public ScratchFolder(Path folder) {
        this.folder = folder;
    }

    /** A hidden file of the folder, which is created when missing. */
    public Path file(String name) throws IOException {
        return PrivateFolder.create(folder).resolve("." + name);
    }

    @Override
    protected void doStart() throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> leftovers = Files.list(folder)) {
            for (Path file : leftovers.toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
