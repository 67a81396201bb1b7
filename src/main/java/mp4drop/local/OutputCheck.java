package mp4drop.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mp4drop.failure.ConversionFailure;

/**
 * Looks at a finished MP4 before anyone gets it: right codec, profile, pixel format, size, scan, audio, length,
 * and that it decodes. Only the first and last seconds are decoded, so the check costs little next to the encode
 * while still catching the usual damage: a broken start or a truncated end.
 */
public final class OutputCheck {
    static final String DECODE_SECONDS = "2";
    private static final Duration DECODE_TIME_LIMIT = Duration.ofMinutes(2);
    private static final Pattern CROP = Pattern.compile("crop=(\\d+):(\\d+):\\d+:\\d+");

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
        List<String> decodeErrors = decodeEnds(output);
        if (!decodeErrors.isEmpty()) {
            throw failed(List.of("the output does not decode cleanly"), decodeErrors);
        }
        return result;
    }

    /**
     * A render from the cloud: an AI agent's work, so it may be the wrong video. It must be a video that decodes
     * at its start and end, stand as the source stands (an upright phone clip must not come back lying down;
     * bars around an upright picture in a wide frame are the cloud's choice) and, when a plain conversion was
     * asked for, last as long as the source. Its codec and size are the cloud's choice.
     *
     * @param sourceSeconds     the original's length; the render's length is compared only when {@code sameLength}
     * @param sourceShownAspect the original's width by height as shown; 0 when unknown (nothing compared)
     * @throws ConversionFailure {@code bad-render}, stage "render", the message giving both lengths
     */
    public MediaInfo checkRender(double sourceSeconds, double sourceShownAspect, boolean sameLength, Path render) {
        MediaInfo result;
        try {
            result = probe.probe(render);
        } catch (ConversionFailure unreadable) {
            throw badRender(List.of("it is not a video FFmpeg can read: " + unreadable.getMessage()),
                    unreadable.details());
        }
        List<String> problems = new ArrayList<>();
        if (sameLength) {
            checkDuration(problems, sourceSeconds, result.durationSeconds());
        }
        if (sourceShownAspect > 0) {
            Orientation expected = Orientation.of(sourceShownAspect);
            if (expected.crosses(result.orientation()) && expected.crosses(pictureInsideBars(render, result))) {
                problems.add("orientation: the original is " + expected + ", the render " + result.orientation());
            }
        }
        List<String> decodeErrors = problems.isEmpty() ? decodeEnds(render) : List.of();
        if (!decodeErrors.isEmpty()) {
            problems.add("it does not decode cleanly at its start or end");
        }
        if (!problems.isEmpty()) {
            throw badRender(problems, decodeErrors);
        }
        return result;
    }

    /**
     * How the picture stands without the black bars around it, found by FFmpeg's cropdetect over the first
     * seconds (the frame's own orientation when it finds none).
     */
    private Orientation pictureInsideBars(Path render, MediaInfo frame) {
        List<String> args = List.of("-hide_banner", "-nostdin", "-t", DECODE_SECONDS, "-i", render.toString(),
                "-map", "0:v:0", "-vf", "cropdetect=limit=24:round=2:reset=0", "-f", "null", "-");
        Matcher crop = null;
        for (String line : run.capture(args, DECODE_TIME_LIMIT).stderr()) {
            Matcher found = CROP.matcher(line);
            if (found.find()) {
                crop = found;
            }
        }
        if (crop == null) {
            return frame.orientation();
        }
        // FFmpeg turns a rotated render before its filters, so the crop is already as shown
        return Orientation.of(Double.parseDouble(crop.group(1)) * frame.sampleAspectRatio().value()
                / Double.parseDouble(crop.group(2)));
    }

    static List<String> differences(MediaInfo source, LocalPlan plan, MediaInfo output) {
        List<String> problems = new ArrayList<>();
        OutputSize expected = OutputSize.of(source, plan);
        expect(problems, "video codec", "h264", output.videoCodec());
        expect(problems, "H.264 profile", "High", output.videoProfile());
        expect(problems, "pixel format", "yuv420p", output.pixelFormat());
        expect(problems, "size", expected.toString(), output.width() + "x" + output.height());
        expect(problems, "pixel shape (SAR)", Ratio.SQUARE.toString(), output.sampleAspectRatio().toString());
        // a player would turn an MP4 that still carries the source's rotation a second time
        expect(problems, "rotation", "0°", output.rotation() + "°");
        if (output.interlaced()) {
            problems.add("scan: expected progressive, found " + output.fieldOrder());
        }
        expect(problems, "audio codec", source.hasAudio() ? "aac" : "none",
                output.hasAudio() ? output.audioCodec() : "none");
        checkDuration(problems, source.durationSeconds(), output.durationSeconds());
        return problems;
    }

    /** As long as the source within 1 s or 2 %, whichever is more. */
    private static void checkDuration(List<String> problems, double sourceSeconds, double outputSeconds) {
        double tolerance = Math.max(1.0, 0.02 * sourceSeconds);
        if (Math.abs(outputSeconds - sourceSeconds) > tolerance) {
            problems.add(String.format("duration: expected %.2f s (± %.2f s), found %.2f s", sourceSeconds,
                    tolerance, outputSeconds));
        }
    }

    /** The errors FFmpeg prints while decoding the first and the last seconds, at most the last few lines. */
    private List<String> decodeEnds(Path output) {
        List<String> errors = new ArrayList<>();
        errors.addAll(decode(List.of("-t", DECODE_SECONDS), output));
        errors.addAll(decode(List.of("-sseof", "-" + DECODE_SECONDS), output));
        return errors.subList(Math.max(0, errors.size() - FfmpegRun.TAIL_LINES), errors.size());
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

    private static ConversionFailure badRender(List<String> problems, List<String> details) {
        List<String> lines = new ArrayList<>(problems);
        lines.addAll(details);
        return new ConversionFailure("render", "bad-render",
                "The render from the cloud is not right: " + String.join("; ", problems) + ".",
                "The cloud agent made a different video than asked; put the file back in the inbox to try again, "
                        + "or convert it with the local engine (mp4drop.engine.fallback=local).",
                lines, null);
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
