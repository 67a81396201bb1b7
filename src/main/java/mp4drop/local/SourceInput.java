package mp4drop.local;

import java.nio.file.Path;
import java.util.stream.Collectors;
import mp4drop.job.DvdTitle;

/**
 * What FFmpeg is given as {@code -i} for an original: the file itself, or for the first part of a DVD title
 * all its parts joined byte-wise by FFmpeg's {@code concat:} protocol (VOB parts are one MPEG program stream
 * cut at 1 GB, so joining the bytes is exact). Every FFmpeg run on an original (probe, check, encode,
 * repackaging) takes its input from here.
 */
public final class SourceInput {
    private SourceInput() {
    }

    public static String of(Path source) {
        return DvdTitle.startingAt(source)
                .map(title -> title.parts().stream().map(part -> part.toAbsolutePath().toString())
                        .collect(Collectors.joining("|", "concat:", "")))
                .orElse(source.toString());
    }
}
