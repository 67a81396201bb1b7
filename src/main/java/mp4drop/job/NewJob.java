package mp4drop.job;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** The record of a file just taken from the inbox, before any store keeps it. */
public final class NewJob {
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private NewJob() {
    }

    /** Ids sort by the time the file was taken; the random tail keeps files taken in one second apart. */
    public static Job of(Path source, long size, String sha256, FileInstructions settings, Instant now) {
        return new Job(ID_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8), source, size, sha256,
                settings, now);
    }
}
