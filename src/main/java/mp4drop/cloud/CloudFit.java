package mp4drop.cloud;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mp4drop.job.SourceMedia;
import mp4drop.report.HumanReadable;

/**
 * Whether NemoVideo can take a file as it is, decided before anything is sent. The API takes mp4, mov, avi,
 * webm and mkv up to its size limit; the container is judged as FFmpeg's probe found it, not by the name. A
 * file in an accepted container under a wrong name is sent under the right one; one in another container is
 * repackaged by stream copy (no re-encoding) into mp4 (H.264, HEVC or MPEG-4 video with AAC or MP3 sound) or else
 * mkv, which holds almost any codec. A file too large to fit even then goes to the local engine, as does a link
 * to a container the cloud refuses (it is not downloaded to be repackaged: the local engine needs it whole anyway).
 */
public record CloudFit(Way way, String uploadExtension, String code, String reason) {
    /** How the file goes to the cloud, or why it does not. */
    public enum Way { AS_IS, RENAMED, REPACKAGED, NOT_FOR_CLOUD }

    public static final String TOO_LARGE = "too-large-for-cloud";
    public static final String WRONG_FORMAT = "format-not-for-cloud";
    // a stream copy drops only container overhead: a few per cent for MPEG transport streams, less elsewhere
    private static final double REPACKAGED_SHRINKS_TO = 0.9;
    private static final Map<String, String> FAMILY_BY_EXTENSION = Map.of("mp4", "mov", "mov", "mov", "avi", "avi",
            "mkv", "matroska", "webm", "matroska");
    private static final Map<String, String> EXTENSION_BY_FAMILY = Map.of("mov", "mp4", "avi", "avi",
            "matroska", "mkv");
    private static final Set<String> MP4_VIDEO = Set.of("h264", "hevc", "mpeg4");
    private static final Set<String> MP4_AUDIO = Set.of("aac", "mp3");

    /**
     * @param fileName the original's name (a link file's for a link)
     * @param size     its size in bytes; for a link the size its answer announced, 0 when unknown
     * @param limit    nemo.max-upload-size
     */
    public static CloudFit decide(String fileName, SourceMedia media, long size, long limit, boolean link) {
        String family = media.container == null ? FAMILY_BY_EXTENSION.get(extension(fileName))
                : family(media.container);
        if (size > limit) {
            boolean mayShrink = !link && family == null && size * REPACKAGED_SHRINKS_TO <= limit;
            if (!mayShrink) {
                return tooLarge(size, limit);
            }
        }
        if (family == null) {
            return link ? new CloudFit(Way.NOT_FOR_CLOUD, null, WRONG_FORMAT, "NemoVideo does not take its "
                    + "container (" + media.container + "), and a link is not downloaded to be repackaged")
                    : new CloudFit(Way.REPACKAGED, repackagedExtension(media), null, null);
        }
        if (link || family.equals(FAMILY_BY_EXTENSION.get(extension(fileName)))) {
            return new CloudFit(Way.AS_IS, extension(fileName), null, null);
        }
        return new CloudFit(Way.RENAMED, EXTENSION_BY_FAMILY.get(family), null, null);
    }

    /** The repackaged file turned out larger than the limit after all. */
    static CloudFit tooLarge(long size, long limit) {
        return new CloudFit(Way.NOT_FOR_CLOUD, null, TOO_LARGE, "it is " + HumanReadable.size(size)
                + ", over NemoVideo's limit of " + HumanReadable.size(limit) + " (nemo.max-upload-size)");
    }

    /** The copy into an accepted container failed: the streams fit none the cloud takes. */
    static CloudFit notRepackageable(SourceMedia media) {
        return new CloudFit(Way.NOT_FOR_CLOUD, null, WRONG_FORMAT, "NemoVideo does not take its container ("
                + media.container + "), and its streams (" + media.videoCodec + (media.audio == null ? ""
                : ", " + media.audio) + ") could not be copied into one it takes");
    }

    /** For the log and the plan: "as it is", "as mp4", "repackaged into mkv (stream copy)". */
    public String summary() {
        return switch (way) {
            case AS_IS -> "as it is";
            case RENAMED -> "under the name ." + uploadExtension + " (its real container)";
            case REPACKAGED -> "repackaged into " + uploadExtension + " (stream copy, no re-encoding)";
            case NOT_FOR_CLOUD -> "not at all: " + reason;
        };
    }

    /** FFmpeg's demuxer name as the accepted container it is ("mov", "avi", "matroska"), else null. */
    private static String family(String container) {
        String names = "," + container.toLowerCase(Locale.ROOT) + ",";
        if (names.contains(",mov,") || names.contains(",mp4,")) {
            return "mov";
        }
        if (names.contains(",avi,")) {
            return "avi";
        }
        return names.contains(",matroska,") || names.contains(",webm,") ? "matroska" : null;
    }

    private static String repackagedExtension(SourceMedia media) {
        boolean mp4 = MP4_VIDEO.contains(media.videoCodec) && (media.audio == null || MP4_AUDIO.contains(media.audio));
        return mp4 ? "mp4" : "mkv";
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
