package mp4drop.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The videos waiting in a folder and its subfolders, as the inbox route would take them. */
public final class InboxListing {
    private InboxListing() {
    }

    public static List<Path> videos(Path folder, List<String> extensions) throws IOException {
        return StatusSources.inboxFiles(folder).stream()
                .filter(file -> VideoNames.isVisibleVideo(file, extensions))
                .toList();
    }
}
