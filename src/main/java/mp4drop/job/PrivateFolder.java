package mp4drop.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A folder only its owner may enter: the state folder and its job records hold the CDN links of uploaded
 * videos and renders, and the token. A folder made by an earlier version with wider rights is narrowed.
 */
public final class PrivateFolder {
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private PrivateFolder() {
    }

    /** Creates the folder (and missing parents, with the usual rights) and makes it owner-only. */
    public static Path create(Path folder) throws IOException {
        Files.createDirectories(folder);
        if (Files.getFileStore(folder).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(folder, OWNER_ONLY);
        }
        return folder;
    }
}
