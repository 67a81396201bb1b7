package mp4drop.outbox;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToLongFunction;
import mp4drop.failure.ConversionFailure;
import mp4drop.report.HumanReadable;

/**
 * The MP4 could not be written into the outbox: its disk is full, the user's quota is used up, it is
 * read-only, or mp4drop may not write there. That is the outbox's fault, not the video's: the original
 * stays in the inbox and is tried again on the next run.
 */
public final class WriteFailure extends ConversionFailure {
    private static final String RETRIED = " The original stays in the inbox and is converted on the next run.";

    /** What the system said, as FFmpeg and Java print it, and what it means here. */
    enum Cause {
        NO_SPACE("No space left on device", "outbox-full", true),
        QUOTA("Disk quota exceeded", "outbox-quota", true),
        READ_ONLY("Read-only file system", "outbox-read-only", false),
        NOT_PERMITTED("Permission denied", "outbox-not-writable", false);

        final String said;
        final String code;
        /** Space runs out anywhere; the other two concern a named file, which must be the output. */
        final boolean anyLine;

        Cause(String said, String code, boolean anyLine) {
            this.said = said;
            this.code = code;
            this.anyLine = anyLine;
        }

        boolean named(String text) {
            return text.toLowerCase(Locale.ROOT).contains(said.toLowerCase(Locale.ROOT));
        }

        boolean concerns(String ffmpegLine, Path output) {
            return named(ffmpegLine) && (anyLine || ffmpegLine.contains(output.getFileName().toString()));
        }
    }

    private WriteFailure(String stage, Cause cause, String message, String hint, List<String> details,
            Throwable reason) {
        super(stage, cause.code, message, hint, details, reason);
    }

    /**
     * FFmpeg's failure in the words of its real cause when its stderr says it could not write the output.
     * The partial output is still there: its size is what the MP4 needed at least.
     */
    public static Optional<WriteFailure> fromFfmpeg(List<String> stderr, Path output) {
        return fromFfmpeg(stderr, output, OutboxSpace::usableSpace);
    }

    static Optional<WriteFailure> fromFfmpeg(List<String> stderr, Path output, ToLongFunction<Path> usableSpace) {
        for (Cause cause : Cause.values()) {
            List<String> said = stderr.stream().filter(line -> cause.concerns(line, output)).toList();
            if (!said.isEmpty()) {
                return Optional.of(failure("local", cause, output, -written(output), usableSpace, said, null));
            }
        }
        return Optional.empty();
    }

    /**
     * An I/O error while writing {@code output} (a download), if it was a write error on the outbox.
     *
     * @param expectedBytes the size announced (Content-Length); negative when unknown, then what was written
     *                      counts as the least needed
     */
    public static Optional<ConversionFailure> of(String stage, IOException e, Path output, long expectedBytes) {
        return of(stage, e, output, expectedBytes, OutboxSpace::usableSpace).map(found -> found);
    }

    static Optional<WriteFailure> of(String stage, IOException e, Path output, long expectedBytes,
            ToLongFunction<Path> usableSpace) {
        if (e instanceof AccessDeniedException) {
            return Optional.of(failure(stage, Cause.NOT_PERMITTED, output, expectedBytes, usableSpace, List.of(), e));
        }
        String said = String.valueOf(e.getMessage());
        long expected = expectedBytes >= 0 ? expectedBytes : -written(output);
        for (Cause cause : Cause.values()) {
            if (cause.named(said)) {
                return Optional.of(failure(stage, cause, output, expected, usableSpace, List.of(said), e));
            }
        }
        return Optional.empty();
    }

    private static WriteFailure failure(String stage, Cause cause, Path output, long expectedBytes,
            ToLongFunction<Path> usableSpace, List<String> details, Throwable reason) {
        Path folder = output.toAbsolutePath().getParent();
        String message = switch (cause) {
            case NO_SPACE -> "No space left on the outbox disk (" + folder + "): " + room(folder, expectedBytes,
                    usableSpace);
            case QUOTA -> "This user's disk quota is used up on the outbox disk (" + folder + "): "
                    + room(folder, expectedBytes, usableSpace);
            case READ_ONLY -> "The outbox disk (" + folder + ") is read-only.";
            case NOT_PERMITTED -> "mp4drop may not write in the outbox folder (" + folder + ").";
        };
        String hint = switch (cause) {
            case NO_SPACE -> "Free some space on that disk, or point mp4drop.outbox at a larger one.";
            case QUOTA -> "Free some of this user's files on that disk, or ask for a larger quota.";
            case READ_ONLY -> "Mount that disk writable, or point mp4drop.outbox at another folder.";
            case NOT_PERMITTED -> "Give the user running mp4drop write permission on that folder.";
        };
        return new WriteFailure(stage, cause, message, hint + RETRIED, details, reason);
    }

    /**
     * @param expectedBytes what the output was expected to take; negative: at least that much (what was
     *                      written when the disk filled)
     */
    private static String room(Path folder, long expectedBytes, ToLongFunction<Path> usableSpace) {
        String room = HumanReadable.size(usableSpace.applyAsLong(folder)) + " free";
        if (expectedBytes < 0) {
            return room + ", more than " + HumanReadable.size(-expectedBytes) + " needed.";
        }
        return expectedBytes > 0 ? room + ", about " + HumanReadable.size(expectedBytes) + " needed." : room + ".";
    }

    private static long written(Path output) {
        try {
            return Files.size(output);
        } catch (IOException gone) {
            return 0;
        }
    }
}
