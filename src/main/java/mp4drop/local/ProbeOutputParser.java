package mp4drop.local;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mp4drop.failure.ConversionFailure;

/**
 * Reads what {@code ffmpeg -hide_banner -i FILE} prints to stderr. The bundled FFmpeg has no ffprobe, so this
 * text is the only description of a file we get; the format has been stable across FFmpeg 4 to 7.
 */
public final class ProbeOutputParser {
    private static final Pattern INPUT = Pattern.compile("^Input #0, (.+?), from '");
    private static final Pattern DURATION = Pattern.compile("Duration: (?:(\\d+):(\\d{2}):(\\d{2}(?:\\.\\d+)?)|N/A)");
    private static final Pattern STREAM = Pattern.compile("^\\s*Stream #0:\\d+.*?: (Video|Audio): (.*)$");
    private static final Pattern SIZE = Pattern.compile("^(\\d+)x(\\d+)\\b");
    private static final Pattern ASPECT = Pattern.compile("SAR (\\d+:\\d+) DAR (\\d+:\\d+)");
    private static final Pattern FPS = Pattern.compile("([\\d.]+)(k?) fps");
    private static final Pattern TBR = Pattern.compile("([\\d.]+)(k?) tbr");
    private static final Pattern PARENTHESES = Pattern.compile("\\(([^()]*)\\)");
    /** "    creation_time   : 2011-08-20T14:30:00.000000Z" in a Metadata block. */
    private static final Pattern TAG = Pattern.compile("^\\s{4,}([A-Za-z][\\w.]*)\\s*: (.*)$");
    /** FFmpeg's side data, counter-clockwise degrees: "displaymatrix: rotation of -90.00 degrees". */
    private static final Pattern DISPLAY_MATRIX = Pattern.compile(
            "displaymatrix: rotation of (-?\\d+(?:\\.\\d+)?) degrees");
    private static final Pattern DEGREES = Pattern.compile("-?\\d+");

    private ProbeOutputParser() {
    }

    /**
     * @param fileName only for messages
     * @throws ConversionFailure {@code not-a-video} when FFmpeg cannot read the file or it has no video stream,
     *                           {@code unknown-duration} when the length of the video cannot be told
     */
    public static MediaInfo parse(String fileName, String stderr) {
        List<String> lines = Arrays.asList(stderr.split("\\R"));
        String container = null;
        double duration = -1;
        String videoLine = null;
        String audioLine = null;
        // the file's tags, then the first video stream's: which block a line is in decides whose it is
        Map<String, String> tags = new HashMap<>();
        boolean inFileOrVideoBlock = true;
        Integer rotateTag = null;
        Integer displayMatrix = null;
        for (String line : lines) {
            Matcher input = INPUT.matcher(line);
            if (input.find() && container == null) {
                container = input.group(1);
            }
            Matcher durationMatch = DURATION.matcher(line);
            if (durationMatch.find() && duration < 0 && durationMatch.group(1) != null) {
                duration = Integer.parseInt(durationMatch.group(1)) * 3600.0
                        + Integer.parseInt(durationMatch.group(2)) * 60.0
                        + Double.parseDouble(durationMatch.group(3));
            }
            Matcher stream = STREAM.matcher(line);
            if (line.trim().startsWith("Stream #")) {
                inFileOrVideoBlock = false;
            }
            // Cover art in an audio file shows up as a one-frame "video" stream: it is not a video.
            if (stream.find() && !line.contains("(attached pic)")) {
                if (stream.group(1).equals("Video") && videoLine == null) {
                    videoLine = stream.group(2);
                    inFileOrVideoBlock = true;
                } else if (stream.group(1).equals("Audio") && audioLine == null) {
                    audioLine = stream.group(2);
                }
            }
            if (!inFileOrVideoBlock) {
                continue;
            }
            Matcher tag = TAG.matcher(line);
            if (tag.find()) {
                String value = tag.group(2).trim();
                tags.putIfAbsent(tag.group(1).toLowerCase(Locale.ROOT), value);
                if (videoLine != null && tag.group(1).equals("rotate") && DEGREES.matcher(value).matches()) {
                    rotateTag = quarterTurns(Double.parseDouble(value));
                }
            }
            Matcher matrix = DISPLAY_MATRIX.matcher(line);
            if (matrix.find() && videoLine != null) {
                displayMatrix = quarterTurns(-Double.parseDouble(matrix.group(1)));
            }
        }
        if (container == null) {
            throw new ConversionFailure("local", "not-a-video",
                    "'" + fileName + "' is not a video FFmpeg can read" + reason(lines) + ".",
                    "Check that the file plays in a media player; it may be damaged, incomplete or not a video "
                            + "at all. Copy it again from the camera or card if you can.",
                    tail(lines), null);
        }
        if (videoLine == null) {
            throw new ConversionFailure("local", "not-a-video",
                    "'" + fileName + "' has no video stream" + (audioLine != null ? " (it holds only audio)" : "")
                            + ".",
                    "Only videos can be converted to MP4; remove this file from the inbox.", tail(lines), null);
        }
        if (duration <= 0) {
            throw new ConversionFailure("local", "unknown-duration",
                    "FFmpeg cannot tell how long '" + fileName + "' is; its index may be damaged.",
                    "Repair the file first (for example with 'ffmpeg -i in.avi -c copy repaired.mkv') or try the "
                            + "cloud engine (mp4drop.engine=nemo).",
                    tail(lines), null);
        }
        int rotation = displayMatrix != null ? displayMatrix : rotateTag != null ? rotateTag : 0;
        RecordingDate recorded = RecordingDate.fromTags(tags, ZoneId.systemDefault()).orElse(null);
        return video(container, duration, videoLine, audioLine == null ? null : codecName(audioLine), rotation,
                recorded);
    }

    /** Clockwise degrees (-90, 270.0, ...) as 0, 90, 180 or 270. */
    private static int quarterTurns(double degrees) {
        return (int) Math.floorMod(Math.round(degrees / 90) * 90, 360);
    }

    private static MediaInfo video(String container, double duration, String videoLine, String audioCodec,
            int rotation, RecordingDate recorded) {
        List<String> fields = topLevelFields(videoLine);
        String codecField = fields.get(0);
        String pixelFormat = null;
        FieldOrder fieldOrder = FieldOrder.UNKNOWN;
        int width = 0;
        int height = 0;
        for (int i = 1; i < fields.size(); i++) {
            Matcher size = SIZE.matcher(fields.get(i));
            if (size.find()) {
                width = Integer.parseInt(size.group(1));
                height = Integer.parseInt(size.group(2));
                break;
            }
            if (i == 1) {
                int open = fields.get(i).indexOf('(');
                pixelFormat = open < 0 ? fields.get(i) : fields.get(i).substring(0, open);
                if (open >= 0) {
                    fieldOrder = FieldOrder.fromPixelFormatDetails(fields.get(i).substring(open));
                }
            }
        }
        if (width <= 0 || height <= 0) {
            throw new ConversionFailure("local", "not-a-video",
                    "FFmpeg does not report a picture size for this video (" + videoLine + ").",
                    "The video stream may be damaged; check that the file plays in a media player.");
        }
        Ratio sar = Ratio.SQUARE;
        // a container's own aspect (printed last, as in an MP4 around H.263) is the one FFmpeg shows with
        Matcher aspect = ASPECT.matcher(videoLine);
        while (aspect.find()) {
            sar = Ratio.parse(aspect.group(1));
        }
        Ratio dar = new Ratio(width * sar.numerator(), height * sar.denominator());
        return new MediaInfo(container, duration, codecName(codecField), profile(codecField),
                "none".equals(pixelFormat) ? null : pixelFormat, width, height, sar, dar, frameRate(videoLine),
                fieldOrder, audioCodec, rotation, recorded);
    }

    /** Splits at commas that are not inside parentheses or brackets: "yuv420p(tv, bt709)" stays whole. */
    static List<String> topLevelFields(String text) {
        List<String> fields = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                fields.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        fields.add(text.substring(start).trim());
        return fields;
    }

    private static String codecName(String streamText) {
        return streamText.trim().split("[\\s,(]", 2)[0];
    }

    /** "h264 (High) (avc1 / 0x31637661)": the first parenthesised group that is not a codec tag. */
    private static String profile(String codecField) {
        Matcher group = PARENTHESES.matcher(codecField);
        while (group.find()) {
            if (!group.group(1).contains(" / 0x")) {
                return group.group(1);
            }
        }
        return null;
    }

    private static double frameRate(String videoLine) {
        for (Pattern pattern : List.of(FPS, TBR)) {
            Matcher match = pattern.matcher(videoLine);
            if (match.find()) {
                return Double.parseDouble(match.group(1)) * (match.group(2).isEmpty() ? 1 : 1000);
            }
        }
        return 0;
    }

    /** FFmpeg's own last word, e.g. "Invalid data found when processing input". */
    static String reason(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).trim();
            if (!line.isEmpty()) {
                int colon = line.lastIndexOf(": ");
                return " (" + (colon >= 0 ? line.substring(colon + 2) : line) + ")";
            }
        }
        return "";
    }

    static List<String> tail(List<String> lines) {
        List<String> kept = lines.stream().filter(line -> !line.isBlank()).toList();
        return kept.subList(Math.max(0, kept.size() - FfmpegRun.TAIL_LINES), kept.size());
    }
}
