package mp4drop.nemo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import mp4drop.job.AtomicFile;

/** Secrets as owner-only files of the state folder, each replaced whole: a crash never leaves half a secret. */
public final class StateFolderSecrets implements SecretStore {
    private static final Set<PosixFilePermission> DIR_PERMS = PosixFilePermissions.fromString("rwx------");

    private final Path dir;

    public StateFolderSecrets(Path dir) {
        this.dir = dir;
    }

    @Override
    public Optional<String> read(String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()).filter(text -> !text.isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(String name, String value) {
        try {
            ensureDirectory(dir);
            AtomicFile.write(dir.resolve(name), value.getBytes(StandardCharsets.UTF_8), AtomicFile.OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String readOrKeep(String name, String made) {
        Optional<String> kept = read(name);
        if (kept.isPresent()) {
            return kept.get();
        }
        write(name, made);
        return made;
    }

    private static void ensureDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir.toAbsolutePath().getParent());
        try {
            FileAttribute<?>[] attrs = posix(dir.toAbsolutePath().getParent())
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIR_PERMS)}
                    : new FileAttribute<?>[0];
            Files.createDirectory(dir, attrs);
        } catch (FileAlreadyExistsException raced) {
            // another process made it first: fine
        }
        if (posix(dir)) {
            // createDirectory's attribute is filtered by the umask; set the rights explicitly.
            Files.setPosixFilePermissions(dir, DIR_PERMS);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
