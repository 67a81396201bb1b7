package mp4drop.job;

import java.nio.file.Path;

/**
 * A video's own instruction file beside it, {@code clip.avi.txt}: it is read when the video is taken and
 * travels with the original wherever the original goes (archive or failed).
 */
public final class Sidecar {
    public static final String SUFFIX = ".txt";

    private Sidecar() {
    }

    /** The sidecar a video would have: its full name plus {@code .txt}. */
    public static Path of(Path video) {
        return video.resolveSibling(video.getFileName() + SUFFIX);
    }
}
