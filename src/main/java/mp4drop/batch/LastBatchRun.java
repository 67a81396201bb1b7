package mp4drop.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import mp4drop.job.AtomicFile;
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
        try {
            Files.createDirectories(file.getParent());
            AtomicFile.write(file, (runStart + "\n").getBytes(StandardCharsets.UTF_8), AtomicFile.OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the batch run start in " + file, e);
        }
    }
}
