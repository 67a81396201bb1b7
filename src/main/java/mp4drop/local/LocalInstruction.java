package mp4drop.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mp4drop.failure.ConversionFailure;

/**
 * Reads the free-text instruction the cloud engine would get and turns it into a {@link LocalPlan}. The local
 * engine can only convert, so anything else it is asked for must fail loudly rather than be silently ignored: known
 * edits are named, and any word outside the plain-conversion vocabulary counts as an edit too.
 */
public final class LocalInstruction {
    public static final String DEFAULT = "Convert this video to MP4 at 1080p without losing quality";
    static final int DEFAULT_HEIGHT = 1080;

    private static final Pattern RESOLUTION = Pattern.compile("\\b(480|720|1080|1440|2160)p\\b|\\b(4k|uhd)\\b");
    private static final Pattern SMALLER = Pattern.compile(
            "\\b(smaller|smallest|small|compress\\w*|shrink|reduce[ds]?)\\b");
    private static final Pattern HIGH_QUALITY = Pattern.compile(
            "\\blossless(ly)?\\b|\\bwithout (losing|loss of|any loss of)\\b|\\b(high|higher|highest|best|full|"
                    + "original|same|top|max|maximum) quality\\b|\\bvisually\\b");

    /** Edits only the cloud engine can do, in the words people use for them, with the name we report back. */
    private static final Map<Pattern, String> CLOUD_FEATURES = new LinkedHashMap<>();

    static {
        CLOUD_FEATURES.put(Pattern.compile("\\b(music|soundtrack|songs?|tunes?|audio track)\\b"), "music");
        CLOUD_FEATURES.put(Pattern.compile("\\b(subtitles?|captions?|captioned|transcri\\w*)\\b"),
                "subtitles or captions");
        CLOUD_FEATURES.put(Pattern.compile("\\b(titles?|intro|outro|credits|text|overlays?|watermark|logo)\\b"),
                "titles or text overlays");
        CLOUD_FEATURES.put(Pattern.compile("\\b(transitions?|fades?|crossfades?)\\b"), "transitions");
        CLOUD_FEATURES.put(Pattern.compile(
                "\\b(effects?|filters?|cinematic|vintage|retro|grade|grading|colou?r|lut|style|stylish|look)\\b"),
                "effects or filters");
        CLOUD_FEATURES.put(Pattern.compile("\\b(background|green ?screen|remove|replace|blur)\\b"),
                "background or object removal");
        CLOUD_FEATURES.put(Pattern.compile("\\b(trim|cut|edit|highlights?|montage|slideshow|speed|slow motion|"
                + "stabili[sz]e|enhance|restore|denoise|voice|voiceover|narration|ai)\\b"), "AI edits");
    }

    /** Words that only describe a plain conversion; anything else is treated as an edit request. */
    private static final Set<String> CONVERSION_WORDS = Set.copyOf(Arrays.asList((
            "convert converted converting conversion transcode encode reencode re turn change make save export "
            + "render output put get give want need would like could can you me i we us please just only simply "
            + "also so that this these those the a an it its them they my our all each every one two video videos "
            + "clip clips file files footage movie movies recording recordings tape tapes camcorder home old family "
            + "to into as at in on with without and or but for of from by is be are mp4 h264 avc x264 format "
            + "container resolution res quality losing lose loss lost lossless losslessly high higher highest best "
            + "good great full keep keeping original same preserve preserving maintain maintaining retain top max "
            + "maximum visually hd fhd uhd 4k 480p 720p 1080p 1440p 2160p smaller small smallest compress "
            + "compressed compression reduce reduced shrink size sized space storage lower down upscale downscale "
            + "scale resize deinterlace deinterlaced progressive shareable share sharing friendly compatible "
            + "compatibility playable play phone phones tv web online possible much more less not no don't dont any "
            + "some little bit i'd i'm it's we'd").split(" ")));

    private static final Pattern WORD = Pattern.compile("[a-z0-9]+(?:'[a-z]+)?");

    private LocalInstruction() {
    }

    /**
     * @param instruction free text; null or blank means {@link #DEFAULT}
     * @throws ConversionFailure {@code needs-cloud} for anything beyond a conversion, {@code unclear-instruction}
     *                           for contradictions (two resolutions, both "lossless" and "smaller")
     */
    public static LocalPlan parse(String instruction) {
        String given = instruction == null || instruction.isBlank() ? DEFAULT : instruction.trim();
        String text = given.toLowerCase().replace("h.264", "h264").replace("’", "'");

        Set<String> features = new LinkedHashSet<>();
        CLOUD_FEATURES.forEach((pattern, feature) -> {
            if (pattern.matcher(text).find()) {
                features.add(feature);
            }
        });
        Set<String> unknownWords = new TreeSet<>();
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            if (!CONVERSION_WORDS.contains(word.group())) {
                unknownWords.add(word.group());
            }
        }
        if (!features.isEmpty() || !unknownWords.isEmpty()) {
            List<String> asked = new ArrayList<>(features);
            if (features.isEmpty()) {
                asked.add("\"" + String.join("\", \"", unknownWords) + "\"");
            }
            throw new ConversionFailure("local", "needs-cloud",
                    "The local engine can only convert to MP4 (resolution and quality); the instruction \"" + given
                            + "\" also asks for " + String.join(", ", asked) + ".",
                    "Use the cloud engine (NemoVideo): set NEMO_TOKEN or mp4drop.engine=nemo. Or change the "
                            + "instruction to a plain conversion such as \"" + DEFAULT + "\".");
        }
        return new LocalPlan(height(text, given), quality(text, given), given);
    }

    /** True when the instruction asks for a plain conversion the local engine can do, as {@link #parse} reads it. */
    public static boolean understands(String instruction) {
        try {
            parse(instruction);
            return true;
        } catch (ConversionFailure notPlain) {
            return false;
        }
    }

    private static int height(String text, String given) {
        Set<Integer> heights = new LinkedHashSet<>();
        Matcher match = RESOLUTION.matcher(text);
        while (match.find()) {
            heights.add(match.group(1) != null ? Integer.parseInt(match.group(1)) : 2160);
        }
        if (heights.size() > 1) {
            throw unclear(given, "names more than one resolution " + heights);
        }
        return heights.isEmpty() ? DEFAULT_HEIGHT : heights.iterator().next();
    }

    private static LocalPlan.Quality quality(String text, String given) {
        boolean smaller = SMALLER.matcher(text).find();
        if (smaller && HIGH_QUALITY.matcher(text).find()) {
            throw unclear(given, "asks both for a smaller file and for no loss of quality");
        }
        return smaller ? LocalPlan.Quality.SMALLER : LocalPlan.Quality.VISUALLY_LOSSLESS;
    }

    private static ConversionFailure unclear(String given, String problem) {
        return new ConversionFailure("local", "unclear-instruction",
                "The instruction \"" + given + "\" " + problem + ".",
                "Ask for one resolution (480p, 720p, 1080p, 1440p or 4K) and either \"without losing quality\" or "
                        + "\"smaller file\", e.g. \"" + DEFAULT + "\".");
    }
}
