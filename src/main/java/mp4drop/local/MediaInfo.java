package mp4drop.local;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * What FFmpeg says about a file: its container, its first video stream and its first audio stream.
 *
 * @param container      FFmpeg's demuxer name, e.g. "avi" or "mov,mp4,m4a,3gp,3g2,mj2"
 * @param videoProfile   e.g. "High" for "h264 (High)"; null when FFmpeg prints none
 * @param pixelFormat    e.g. "yuv411p"; null when FFmpeg prints none
 * @param frameRate      frames per second, 0 when unknown
 * @param audioCodec     null when the file has no audio stream
 * @param rotation       clockwise degrees a player turns the stored picture (0, 90, 180 or 270), as phones ask
 * @param recorded       the recording time the container states; null when it states none
 */
public record MediaInfo(String container, double durationSeconds, String videoCodec, String videoProfile,
        String pixelFormat, int width, int height, Ratio sampleAspectRatio, Ratio displayAspectRatio,
        double frameRate, FieldOrder fieldOrder, String audioCodec, int rotation, RecordingDate recorded) {

    /** Codecs whose frames carry their own interlacing flag, so a deinterlacer can ask each frame. */
    private static final Set<String> FLAGGED_CODECS = Set.of("h264", "mpeg2video", "vc1", "hevc");

    /** An upright, undated picture. */
    public MediaInfo(String container, double durationSeconds, String videoCodec, String videoProfile,
            String pixelFormat, int width, int height, Ratio sampleAspectRatio, Ratio displayAspectRatio,
            double frameRate, FieldOrder fieldOrder, String audioCodec) {
        this(container, durationSeconds, videoCodec, videoProfile, pixelFormat, width, height, sampleAspectRatio,
                displayAspectRatio, frameRate, fieldOrder, audioCodec, 0, null);
    }

    public boolean hasAudio() {
        return audioCodec != null;
    }

    /** DV is interlaced by definition, and its containers rarely say so. */
    public boolean interlaced() {
        return fieldOrder.interlaced() || "dvvideo".equals(videoCodec);
    }

    /**
     * The container does not say, but the codec may mark single frames interlaced (camcorder H.264 and MPEG-2
     * often are): those frames, and only those, are deinterlaced.
     */
    public boolean mayBeInterlaced() {
        return fieldOrder == FieldOrder.UNKNOWN && FLAGGED_CODECS.contains(videoCodec);
    }

    /** True when a player turns the picture a quarter: a phone's upright clip stored lying down. */
    public boolean turned() {
        return rotation == 90 || rotation == 270;
    }

    /** The shape a player shows: the display aspect ratio, turned with the picture. */
    public Ratio shownAspectRatio() {
        return turned() ? new Ratio(displayAspectRatio.denominator(), displayAspectRatio.numerator())
                : displayAspectRatio;
    }

    public Orientation orientation() {
        return Orientation.of(shownAspectRatio().value());
    }

    /** The recording time the container states, else a DV camcorder's in its frames, else the file's time. */
    public RecordingDate recordingDate(Path file) {
        if (recorded != null) {
            return recorded;
        }
        return ("dvvideo".equals(videoCodec) ? DvRecordingDate.of(file, ZoneId.systemDefault())
                : Optional.<RecordingDate>empty()).orElseGet(() -> RecordingDate.modified(file));
    }

    /** One line for logs. */
    public String summary() {
        return String.format("%s %s%s %s %dx%d SAR %s DAR %s%s %.3f fps %s, %.2f s, audio %s", container,
                videoCodec, videoProfile == null ? "" : " (" + videoProfile + ")", pixelFormat, width, height,
                sampleAspectRatio, displayAspectRatio, rotation == 0 ? "" : " turned " + rotation + "°", frameRate,
                interlaced() ? "interlaced" : "progressive", durationSeconds, audioCodec == null ? "none" : audioCodec);
    }
}
