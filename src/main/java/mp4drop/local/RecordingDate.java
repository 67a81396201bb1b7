package mp4drop.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When a video was recorded, and where that was read: photo libraries file a video under its MP4's
 * {@code creation_time}, so it must be the recording's, not the conversion's.
 *
 * @param source in words, e.g. "the container's creation_time" or "the file's modification time"
 */
public record RecordingDate(Instant instant, String source) {
    /** Cameras with no clock set write 1904, 1970 or 1980 (the zero of their formats): no date at all. */
    private static final Instant EARLIEST = Instant.parse("1981-01-01T00:00:00Z");

    /** "2011-08-20T14:30:00.000000Z", "2011-08-20T14:30:00+0200", "2009-05-03 14:30:00", "2009-05-03". */
    private static final DateTimeFormatter ISO_LIKE = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart()
                .appendPattern("['T'][' ']HH:mm:ss")
                .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
                .appendPattern("[XXX][XX][X]")
            .optionalEnd()
            .toFormatter(Locale.ROOT);
    /** AVI's IDIT, the C library's ctime: "Sat May 03 14:30:00 2009", read without its weekday. */
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("MMM d HH:mm:ss uuuu", Locale.ROOT);

    /** The tags FFmpeg prints that hold a recording time, best first, with how the job names each. */
    private static final List<List<String>> TAGS = List.of(
            List.of("com.apple.quicktime.creationdate", "the QuickTime creation date"),
            List.of("creation_time", "the container's creation_time"),
            List.of("date", "the container's date (an AVI's ICRD/IDIT)"));

    /**
     * The recording time the container states, if any. Times without a zone (an AVI's) are the camera's local
     * time, taken as this machine's.
     *
     * @param tags the probe's metadata, tag name to value, the file's own before its video stream's
     */
    static Optional<RecordingDate> fromTags(Map<String, String> tags, ZoneId zone) {
        for (List<String> tag : TAGS) {
            Optional<Instant> read = parse(tags.get(tag.get(0)), zone);
            if (read.isPresent()) {
                return Optional.of(new RecordingDate(read.get(), tag.get(1)));
            }
        }
        return Optional.empty();
    }

    /** When the container says nothing: the file's modification time, which a copy from the camera keeps. */
    static RecordingDate modified(Path file) {
        try {
            return new RecordingDate(Files.getLastModifiedTime(file).toInstant(), "the file's modification time");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<Instant> parse(String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        Instant instant = null;
        try {
            var parsed = ISO_LIKE.parseBest(text, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
            if (parsed instanceof OffsetDateTime offset) {
                instant = offset.toInstant();
            } else if (parsed instanceof LocalDateTime local) {
                instant = local.atZone(zone).toInstant();
            } else {
                instant = ((LocalDate) parsed).atStartOfDay(zone).toInstant();
            }
        } catch (DateTimeParseException notIso) {
            try {
                String withoutWeekday = text.replaceAll("\\s+", " ").replaceFirst("^[A-Za-z]{3} ", "");
                instant = LocalDateTime.parse(withoutWeekday, CTIME).atZone(zone).toInstant();
            } catch (DateTimeParseException notCtime) {
                return Optional.empty();
            }
        }
        return clockWasSet(instant) ? Optional.of(instant) : Optional.empty();
    }

    static boolean clockWasSet(Instant instant) {
        return !instant.isBefore(EARLIEST);
    }

    /** As MP4's creation_time takes it: UTC, whole seconds. */
    public String iso() {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    @Override
    public String toString() {
        return iso() + " (from " + source + ")";
    }
}
