package mp4drop.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mp4drop.failure.ConversionFailure;

/**
 * Looks at an original before anything is spent on it: FFmpeg must read it as a video, and it must hold as
 * much picture as its header promises. A truncated AVI lets FFmpeg guess a shorter length from what is
 * there, so its RIFF size is compared with the file; other containers are caught by decoding their last
 * seconds and seeing where the picture really ends.
 */
final class SourceCheck {
    private static final double TAIL_SECONDS = 2;
    private static final Duration DECODE_TIME_LIMIT = Duration.ofMinutes(2);

    private final MediaProbe probe;
    private final FfmpegRun run;

    SourceCheck(MediaProbe probe, FfmpegRun run) {
        this.probe = probe;
        this.run = run;
    }

    /** @throws ConversionFailure {@code not-a-video}, {@code unknown-duration} or {@code truncated} */
    MediaInfo check(Path source) {
        MediaInfo info = probe.probe(source);
        String name = source.getFileName().toString();
        long declared = riffSize(source);
        long actual = size(source);
        if (declared > actual) {
            throw truncated(name, String.format(Locale.ROOT, "its header promises %d bytes, the file holds %d",
                    declared, actual));
        }
        double start = Math.max(0, info.durationSeconds() - TAIL_SECONDS);
        double pictureEnd = start + decodedSeconds(source);
        double tolerance = Math.max(1.0, 0.02 * info.durationSeconds());
        if (info.durationSeconds() - pictureEnd > tolerance) {
            throw truncated(name, String.format(Locale.ROOT, "it should last %.2f s, but the picture ends at %.2f s",
                    info.durationSeconds(), pictureEnd));
        }
        return info;
    }

    /** How many seconds of picture the last seconds of the file decode to. */
    private double decodedSeconds(Path source) {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-v", "error",
                "-sseof", "-" + TAIL_SECONDS, "-i", SourceInput.of(source), "-map", "0:v:0", "-f", "null", "-",
                "-nostats", "-progress", "pipe:2"));
        long micros = 0;
        for (String line : run.capture(args, DECODE_TIME_LIMIT).stderr()) {
            if (line.startsWith("out_time_us=")) {
                try {
                    micros = Math.max(micros, Long.parseLong(line.substring("out_time_us=".length()).trim()));
                } catch (NumberFormatException notYet) {
                    // FFmpeg prints N/A before the first frame
                }
            }
        }
        return micros / 1_000_000.0;
    }

    /** The size an AVI's RIFF header declares for the whole file, or -1 for any other container. */
    private static long riffSize(Path source) {
        byte[] head = new byte[12];
        try (InputStream in = Files.newInputStream(source)) {
            if (in.readNBytes(head, 0, head.length) < head.length) {
                return -1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean avi = head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F' && head[8] == 'A'
                && head[9] == 'V' && head[10] == 'I';
        return avi ? 8 + Integer.toUnsignedLong(ByteBuffer.wrap(head, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt())
                : -1;
    }

    private static long size(Path source) {
        try {
            return Files.size(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ConversionFailure truncated(String name, String evidence) {
        return new ConversionFailure("local", "truncated", "'" + name + "' is incomplete: " + evidence + ".",
                "The copy was probably cut off: copy the video again from the camera or card, then drop it in "
                        + "again.");
    }
}
