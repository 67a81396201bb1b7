package mp4drop.cloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The file an upload sends and the name it is sent under; a repackaged copy is deleted when the upload is done. */
record UploadSource(Path file, String name, boolean temporary) implements AutoCloseable {
    @Override
    public void close() throws IOException {
        if (temporary) {
            Files.deleteIfExists(file);
        }
    }
}
