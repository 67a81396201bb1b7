package mp4drop.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the last batch run started, kept in the state folder as {@code batch-last-run} (one ISO instant),
 * so a run missed while mp4drop was down can be recognised at the next start-up.
 */
public final class LastBatchRun {
    public static final String FILE_NAME = "batch-last-run";
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");

    private final Path file;

    public LastBatchRun(Path stateDir) {
        this.file = stateDir.resolve(FILE_NAME);
    }

    /** The recorded start; empty when none was recorded or the file is unreadable (then logged). */
    public Optional<Instant> read() {
        try {
            return Optional.of(Instant.parse(Files.readString(file, StandardCharsets.UTF_8).trim()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | DateTimeParseException e) {
            // a damaged record must not keep mp4drop from starting; the worst outcome is one run made up
            LOG.warn("Ignoring {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Records a run start, replacing the file atomically so a crash never leaves half an instant. */
    public void write(Instant runStart) {
        Path temp = file.resolveSibling("." + FILE_NAME + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap((runStart + "\n").getBytes(StandardCharsets.UTF_8)));
                out.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the batch run start in " + file, e);
        }
    }
}
