package mp4drop.inbox;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import mp4drop.job.DvdTitle;
import mp4drop.job.JobStore;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * Keeps the inbox consumer off files it must not take: symbolic links (never followed: they may point
 * anywhere on the machine), files whose job is already under way (the job tick carries those on), a DVD's
 * menus and the later parts of its titles (they go with the first part), and a title whose later parts are
 * still being copied.
 */
public final class InboxFilter implements GenericFileFilter<File> {
    private final JobStore jobs;
    private final Duration stableTime;

    /** @param stableTime how long the later parts of a DVD title must be unchanged, like the file itself */
    public InboxFilter(JobStore jobs, Duration stableTime) {
        this.jobs = jobs;
        this.stableTime = stableTime;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        Path local = file.getFile().toPath();
        if (Files.isSymbolicLink(local)) {
            return false;
        }
        if (file.isDirectory()) {
            return true;
        }
        if (DvdTitle.notARecordingOfItsOwn(local)) {
            return false;
        }
        boolean copied = DvdTitle.startingAt(local).map(title -> title.laterParts().stream()
                .allMatch(this::unchangedForStableTime)).orElse(true);
        return copied && jobs.unfinishedFor(local).isEmpty();
    }

    private boolean unchangedForStableTime(Path part) {
        try {
            return Files.getLastModifiedTime(part).toInstant().isBefore(Instant.now().minus(stableTime));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
