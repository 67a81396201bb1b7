package mp4drop.flow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import mp4drop.ops.StatusSources;
import mp4drop.ops.VideoNames;

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
