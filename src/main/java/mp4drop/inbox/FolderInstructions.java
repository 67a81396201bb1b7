package mp4drop.inbox;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mp4drop.job.FileInstructions;
import mp4drop.job.Sidecar;

/**
 * Per-folder and per-file instructions. A folder below the root (or the root itself) may hold
 * {@code mp4drop.properties} with {@code instruction}, {@code engine} and {@code resolution}; the nearest
 * folder's value of each key wins and unset keys are inherited from the folders above. A sidecar
 * {@code <video>.txt} beside a video holds that video's whole instruction and wins over any folder's.
 *
 * <p>Files are read at every call, not cached: a person may edit them while mp4drop is running and
 * expects the next file taken to follow the edit.
 */
public final class FolderInstructions {
    public static final String SETTINGS_FILE = "mp4drop.properties";

    private static final Set<String> KEYS = Set.of("instruction", "engine", "resolution");
    private static final Set<String> ENGINES = Set.of("auto", "nemo", "local");
    private static final Pattern RESOLUTION = Pattern.compile("\\d{3,4}p");
    // "at 1080p", "in 720p": the default instruction already names a resolution, which must be replaced
    // rather than contradicted by a second one
    private static final Pattern RESOLUTION_IN_TEXT = Pattern.compile("\\b(at|in|to) \\d{3,4}p\\b",
            Pattern.CASE_INSENSITIVE);

    private final Path root;
    private final String defaultEngine;
    private final String defaultInstruction;

    /**
     * @param defaultEngine the engine chosen at start-up ({@code nemo} or {@code local}); a folder's
     *                      {@code engine = auto} means this one
     */
    public FolderInstructions(Path root, String defaultEngine, String defaultInstruction) {
        this.root = root.toAbsolutePath().normalize();
        this.defaultEngine = defaultEngine;
        this.defaultInstruction = defaultInstruction;
    }

    public Path root() {
        return root;
    }

    /**
     * The settings of a video somewhere below the root.
     *
     * @throws BadFolderInstructions when a settings file on the way has an unknown key or an unusable value
     */
    public FileInstructions forFile(Path video) {
        Path file = video.toAbsolutePath().normalize();
        Path folder = file.getParent();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException(video + " is not below " + root);
        }
        String engine = null;
        String instruction = null;
        String resolution = null;
        List<String> reasons = new ArrayList<>();
        for (Path dir = folder; dir != null && dir.startsWith(root); dir = dir.getParent()) {
            Path settingsFile = dir.resolve(SETTINGS_FILE);
            if (!Files.isRegularFile(settingsFile)) {
                continue;
            }
            Properties read = read(settingsFile);
            boolean used = false;
            if (engine == null && read.containsKey("engine")) {
                engine = read.getProperty("engine");
                used = true;
            }
            if (instruction == null && read.containsKey("instruction")) {
                instruction = read.getProperty("instruction");
                used = true;
            }
            if (resolution == null && read.containsKey("resolution")) {
                resolution = read.getProperty("resolution");
                used = true;
            }
            if (used) {
                reasons.add("folder settings " + root.relativize(settingsFile));
            }
        }
        String fromSidecar = sidecarInstruction(file);
        if (fromSidecar != null) {
            // the sidecar is the person's exact words for this file: folder instructions and resolutions
            // do not rewrite it; a folder's engine still applies
            instruction = fromSidecar;
            reasons.add(0, "sidecar " + Sidecar.of(file).getFileName());
        } else {
            instruction = withResolution(instruction != null ? instruction : defaultInstruction, resolution);
        }
        String chosenEngine = engine == null || engine.equals("auto") ? defaultEngine : engine;
        String reason = reasons.isEmpty() ? "default" : String.join(", ", reasons);
        return new FileInstructions(chosenEngine, instruction, reason, root.relativize(folder));
    }

    /**
     * True for a folder settings file or a video's sidecar (a {@code .txt} after one of the video
     * extensions): the inbox must leave these where they are.
     */
    public static boolean isSettingsOrSidecar(Path path, Collection<String> videoExtensions) {
        String name = path.getFileName().toString();
        if (name.equals(SETTINGS_FILE)) {
            return true;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(Sidecar.SUFFIX)) {
            return false;
        }
        String videoName = lower.substring(0, lower.length() - Sidecar.SUFFIX.length());
        return videoExtensions.stream().anyMatch(ext -> videoName.endsWith("." + ext.toLowerCase(Locale.ROOT)));
    }

    private Properties read(Path settingsFile) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(settingsFile, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadFolderInstructions(settingsFile, null, "cannot be read (" + e.getMessage() + ")");
        }
        Properties usable = new Properties();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).trim();
            if (!KEYS.contains(key)) {
                throw new BadFolderInstructions(settingsFile, key,
                        "unknown key '" + key + "' (known keys: instruction, engine, resolution)");
            }
            // an empty value reads as "not set here", so the folder above still decides
            if (!value.isEmpty()) {
                usable.setProperty(key, check(settingsFile, key, value));
            }
        }
        return usable;
    }

    private String check(Path settingsFile, String key, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (key.equals("engine") && !ENGINES.contains(lower)) {
            throw new BadFolderInstructions(settingsFile, key,
                    "engine = '" + value + "' is not usable: expected auto, nemo or local");
        }
        if (key.equals("resolution") && !RESOLUTION.matcher(lower).matches()) {
            throw new BadFolderInstructions(settingsFile, key,
                    "resolution = '" + value + "' is not usable: expected a height such as 480p, 720p or 1080p");
        }
        return key.equals("instruction") ? value : lower;
    }

    private static String sidecarInstruction(Path video) {
        Path sidecar = Sidecar.of(video);
        if (!Files.isRegularFile(sidecar)) {
            return null;
        }
        try {
            String text = Files.readString(sidecar, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
            return text.isEmpty() ? null : text;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sidecar " + sidecar, e);
        }
    }

    static String withResolution(String instruction, String resolution) {
        if (resolution == null) {
            return instruction;
        }
        Matcher named = RESOLUTION_IN_TEXT.matcher(instruction);
        if (named.find()) {
            return named.replaceFirst(Matcher.quoteReplacement(named.group(1) + " " + resolution));
        }
        return instruction.replaceFirst("[.\\s]*$", "") + " at " + resolution;
    }
}
