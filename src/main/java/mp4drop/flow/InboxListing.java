package mp4drop.flow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import mp4drop.ops.StatusSources;

/** The videos waiting in a folder and its subfolders, as the inbox route would take them: not hidden. */
public final class InboxListing {
    private InboxListing() {
    }

    public static List<Path> videos(Path folder, List<String> extensions) throws IOException {
        return StatusSources.inboxFiles(folder).stream()
                .filter(file -> !file.getFileName().toString().startsWith("."))
                .filter(file -> extensions.contains(extension(file)))
                .toList();
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
