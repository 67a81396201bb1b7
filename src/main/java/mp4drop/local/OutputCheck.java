package mp4drop.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mp4drop.failure.ConversionFailure;

/**
 * Looks at a finished MP4 before anyone gets it: right codec, profile, pixel format, size, scan, audio, length,
 * and that it decodes. Only the first and last seconds are decoded, so the check costs little next to the encode
 * while still catching the usual damage: a broken start or a truncated end.
 */
public final class OutputCheck {
    static final String DECODE_SECONDS = "2";
    private static final Duration DECODE_TIME_LIMIT = Duration.ofMinutes(2);

    private final MediaProbe probe;
    private final FfmpegRun run;

    public OutputCheck(MediaProbe probe, FfmpegRun run) {
        this.probe = probe;
        this.run = run;
    }

    /**
     * @return what the output holds
     * @throws ConversionFailure {@code output-check-failed}, listing each difference in the details
     */
    public MediaInfo check(MediaInfo source, LocalPlan plan, Path output) {
        MediaInfo result;
        try {
            result = probe.probe(output);
        } catch (ConversionFailure unreadable) {
            throw failed(List.of("FFmpeg cannot read the output back: " + unreadable.getMessage()),
                    unreadable.details());
        }
        List<String> problems = differences(source, plan, result);
        if (!problems.isEmpty()) {
            throw failed(problems, List.of());
        }
        List<String> decodeErrors = new ArrayList<>();
        decodeErrors.addAll(decode(List.of("-t", DECODE_SECONDS), output));
        decodeErrors.addAll(decode(List.of("-sseof", "-" + DECODE_SECONDS), output));
        if (!decodeErrors.isEmpty()) {
            throw failed(List.of("the output does not decode cleanly"),
                    decodeErrors.subList(Math.max(0, decodeErrors.size() - FfmpegRun.TAIL_LINES),
                            decodeErrors.size()));
        }
        return result;
    }

    static List<String> differences(MediaInfo source, LocalPlan plan, MediaInfo output) {
        List<String> problems = new ArrayList<>();
        OutputSize expected = OutputSize.of(source, plan);
        expect(problems, "video codec", "h264", output.videoCodec());
        expect(problems, "H.264 profile", "High", output.videoProfile());
        expect(problems, "pixel format", "yuv420p", output.pixelFormat());
        expect(problems, "size", expected.toString(), output.width() + "x" + output.height());
        expect(problems, "pixel shape (SAR)", Ratio.SQUARE.toString(), output.sampleAspectRatio().toString());
        if (output.interlaced()) {
            problems.add("scan: expected progressive, found " + output.fieldOrder());
        }
        expect(problems, "audio codec", source.hasAudio() ? "aac" : "none",
                output.hasAudio() ? output.audioCodec() : "none");
        double tolerance = Math.max(1.0, 0.02 * source.durationSeconds());
        if (Math.abs(output.durationSeconds() - source.durationSeconds()) > tolerance) {
            problems.add(String.format("duration: expected %.2f s (± %.2f s), found %.2f s", source.durationSeconds(),
                    tolerance, output.durationSeconds()));
        }
        return problems;
    }

    private static void expect(List<String> problems, String what, String expected, String found) {
        if (!expected.equals(found)) {
            problems.add(what + ": expected " + expected + ", found " + found);
        }
    }

    /** With -v error FFmpeg prints nothing at all for a clean decode, so any line is a problem. */
    private List<String> decode(List<String> window, Path output) {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-v", "error"));
        args.addAll(window);
        args.addAll(List.of("-i", output.toString(), "-f", "null", "-"));
        FfmpegRun.Outcome outcome = run.capture(args, DECODE_TIME_LIMIT);
        List<String> errors = new ArrayList<>(outcome.stderr());
        if (outcome.exitCode() != 0 && errors.isEmpty()) {
            errors.add("FFmpeg exited with code " + outcome.exitCode() + " while decoding " + window);
        }
        return errors;
    }

    private static ConversionFailure failed(List<String> problems, List<String> details) {
        List<String> lines = new ArrayList<>(problems);
        lines.addAll(details);
        return new ConversionFailure("local", "output-check-failed",
                "The converted MP4 is not right: " + String.join("; ", problems) + ".",
                "This points to a problem in the source or in FFmpeg; try the file again, and if it fails again "
                        + "try the cloud engine (mp4drop.engine=nemo).",
                lines, null);
    }
}
