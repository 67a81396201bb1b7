package mp4drop.report;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import mp4drop.job.DvdTitle;

/**
 * Which file names the inbox takes as videos: not hidden, with one of the configured extensions, and not a
 * DVD's menu or the later part of a DVD title.
 */
public final class VideoNames {
    private VideoNames() {
    }

    public static boolean isVisibleVideo(Path file, Collection<String> videoExtensions) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0
                && videoExtensions.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))
                && !DvdTitle.notARecordingOfItsOwn(file);
    }
}
