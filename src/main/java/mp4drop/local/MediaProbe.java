package mp4drop.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import mp4drop.failure.ConversionFailure;

/** Describes a media file by letting FFmpeg open it with no output: there is no ffprobe in the bundled build. */
public final class MediaProbe {
    /** Opening a file reads only its headers; a generous bound still catches a hang on a broken network share. */
    static final Duration TIME_LIMIT = Duration.ofMinutes(2);

    private final FfmpegRun run;

    public MediaProbe(FfmpegRun run) {
        this.run = run;
    }

    /**
     * @throws ConversionFailure {@code missing-file}, {@code empty-file}, {@code not-a-video},
     *                           {@code unknown-duration}
     */
    public MediaInfo probe(Path file) {
        String name = file.getFileName().toString();
        if (Files.isDirectory(file)) {
            throw new ConversionFailure("local", "not-a-video", "'" + file + "' is a folder, not a video.",
                    "Put the videos themselves in the inbox.");
        }
        if (!Files.isRegularFile(file)) {
            throw new ConversionFailure("local", "missing-file", "'" + file + "' is not there (any more).",
                    "Check that nothing else moves or deletes files in the inbox while mp4drop runs.");
        }
        try {
            if (Files.size(file) == 0) {
                throw new ConversionFailure("local", "empty-file", "'" + name + "' is empty (0 bytes).",
                        "The copy probably failed or is still in progress: copy the video again from the camera "
                                + "or card.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FfmpegRun.Outcome outcome = run.capture(List.of("-hide_banner", "-nostdin", "-i", SourceInput.of(file)),
                TIME_LIMIT);
        return ProbeOutputParser.parse(name, String.join("\n", outcome.stderr()));
    }
}
