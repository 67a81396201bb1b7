package mp4drop.web;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The folders an upload had to create, so that an upload that fails takes them away again. */
final class CreatedFolders {
    private final List<Path> deepestFirst;

    private CreatedFolders(List<Path> deepestFirst) {
        this.deepestFirst = deepestFirst;
    }

    static CreatedFolders make(Path folder) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path dir = folder; dir != null && !Files.isDirectory(dir); dir = dir.getParent()) {
            missing.add(dir);
        }
        Files.createDirectories(folder);
        return new CreatedFolders(missing);
    }

    void removeIfEmpty() throws IOException {
        for (Path dir : deepestFirst) {
            try {
                Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException inUse) {
                // another upload put a file there meanwhile: it stays, and so do the folders above it
                return;
            }
        }
    }
}
