package mp4drop.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One title set of a DVD's {@code VIDEO_TS} folder: the recording a DVD recorder or camcorder split into
 * {@code VTS_nn_1.VOB} to {@code VTS_nn_9.VOB} (1 GB each). Its first part stands for the whole title: the
 * inbox takes that one, FFmpeg reads the parts joined, and the parts leave the inbox together. The menus
 * ({@code VIDEO_TS.VOB}, {@code VTS_nn_0.VOB}) are no recording and are never taken.
 */
public record DvdTitle(Path folder, int titleSet) {
    private static final String DVD_FOLDER = "VIDEO_TS";
    private static final Pattern PART = Pattern.compile("VTS_(\\d\\d)_(\\d)\\.VOB");
    private static final String MENU = "VIDEO_TS.VOB";

    /** The title a file opens, when it is the first part of one in a {@code VIDEO_TS} folder. */
    public static Optional<DvdTitle> startingAt(Path file) {
        Matcher part = part(file);
        return part != null && part.group(2).equals("1")
                ? Optional.of(new DvdTitle(file.toAbsolutePath().getParent(), Integer.parseInt(part.group(1))))
                : Optional.empty();
    }

    /** A menu, or a second to ninth part: a file of a DVD folder that is not taken on its own. */
    public static boolean notARecordingOfItsOwn(Path file) {
        if (!inDvdFolder(file)) {
            return false;
        }
        Matcher part = part(file);
        return part == null ? file.getFileName().toString().equalsIgnoreCase(MENU) : !part.group(2).equals("1");
    }

    /** Every part, in order, the first included. */
    public List<Path> parts() {
        List<Path> parts = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(file -> {
                Matcher part = part(file);
                if (part != null && Integer.parseInt(part.group(1)) == titleSet && !part.group(2).equals("0")) {
                    parts.add(file);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        parts.sort((a, b) -> part(a).group(2).compareTo(part(b).group(2)));
        return parts;
    }

    /** All parts together: the room the title needs, and what the cloud's size limit is measured against. */
    public long size() {
        return parts().stream().mapToLong(part -> part.toFile().length()).sum();
    }

    /** The parts after the first: they travel with it to the archive or failed folder. */
    public List<Path> laterParts() {
        return parts().stream().filter(file -> !part(file).group(2).equals("1")).toList();
    }

    /**
     * The MP4's path under the outbox, without ".mp4": named after the disc's folder (the one holding
     * {@code VIDEO_TS}), beside it; "DVD" when {@code VIDEO_TS} lies directly in the inbox. A disc with more
     * than one title set gets one MP4 per title: "Holiday 2004 - title 2".
     *
     * @param folderInInbox the {@code VIDEO_TS} folder relative to the inbox
     */
    public Path outputPath(Path folderInInbox) {
        Path disc = folderInInbox.getParent();
        String name = disc == null ? "DVD" : disc.getFileName().toString();
        if (titleSets() > 1) {
            name += " - title " + titleSet;
        }
        return disc == null ? Path.of(name) : disc.resolveSibling(name);
    }

    private long titleSets() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(DvdTitle::part).filter(part -> part != null && part.group(2).equals("1")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean inDvdFolder(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent != null && parent.getFileName() != null
                && parent.getFileName().toString().equalsIgnoreCase(DVD_FOLDER);
    }

    /** The title set and part of a VOB in a DVD folder (any case: FAT and copies write both); null otherwise. */
    private static Matcher part(Path file) {
        if (!inDvdFolder(file)) {
            return null;
        }
        Matcher part = PART.matcher(file.getFileName().toString().toUpperCase(Locale.ROOT));
        return part.matches() ? part : null;
    }
}
