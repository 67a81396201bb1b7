package mp4drop.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import mp4drop.failure.ConversionFailure;

/**
 * Gives a finished MP4 its source's recording time: {@code creation_time} by a stream-copy remux (the picture
 * and sound are not touched) and the file's modification time. The cloud's render knows nothing of the
 * original's date, so it gets it here before it is published.
 */
final class RecordingDateStamp {
    private static final Duration TIME_LIMIT = Duration.ofMinutes(10);

    private final FfmpegRun run;

    RecordingDateStamp(FfmpegRun run) {
        this.run = run;
    }

    /**
     * Replaces {@code mp4} with its dated copy, written beside it under a hidden name (for the outbox's
     * {@code .<job>.mp4.part}, one its clean-up of temporary files knows).
     *
     * @throws ConversionFailure {@code ffmpeg-failed} when FFmpeg cannot copy the MP4
     */
    void stamp(Path mp4, RecordingDate recorded) {
        Path dated = mp4.resolveSibling(".dated-" + mp4.getFileName());
        List<String> args = List.of("-hide_banner", "-nostdin", "-y", "-v", "error", "-i", mp4.toString(),
                "-map", "0:v", "-map", "0:a?", "-c", "copy", "-metadata", "creation_time=" + recorded.iso(),
                "-movflags", "+faststart", "-f", "mp4", dated.toString());
        try {
            FfmpegRun.Outcome outcome = run.capture(args, TIME_LIMIT);
            if (outcome.exitCode() != 0) {
                throw new ConversionFailure("render", "ffmpeg-failed",
                        "FFmpeg could not give the render its recording date (" + recorded + ").",
                        "The FFmpeg lines in the details say why; put the original back in the inbox to try again.",
                        outcome.tail(), null);
            }
            Files.setLastModifiedTime(dated, FileTime.from(recorded.instant()));
            Files.move(dated, mp4, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(dated);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
