package mp4drop.local;

/**
 * What FFmpeg says about a file: its container, its first video stream and its first audio stream.
 *
 * @param container      FFmpeg's demuxer name, e.g. "avi" or "mov,mp4,m4a,3gp,3g2,mj2"
 * @param videoProfile   e.g. "High" for "h264 (High)"; null when FFmpeg prints none
 * @param pixelFormat    e.g. "yuv411p"; null when FFmpeg prints none
 * @param frameRate      frames per second, 0 when unknown
 * @param audioCodec     null when the file has no audio stream
 */
public record MediaInfo(String container, double durationSeconds, String videoCodec, String videoProfile,
        String pixelFormat, int width, int height, Ratio sampleAspectRatio, Ratio displayAspectRatio,
        double frameRate, FieldOrder fieldOrder, String audioCodec) {

    public boolean hasAudio() {
        return audioCodec != null;
    }

    /** DV is interlaced by definition, and its containers rarely say so. */
    public boolean interlaced() {
        return fieldOrder.interlaced() || "dvvideo".equals(videoCodec);
    }

    /** One line for logs. */
    public String summary() {
        return String.format("%s %s%s %s %dx%d SAR %s DAR %s %.3f fps %s, %.2f s, audio %s", container, videoCodec,
                videoProfile == null ? "" : " (" + videoProfile + ")", pixelFormat, width, height,
                sampleAspectRatio, displayAspectRatio, frameRate, interlaced() ? "interlaced" : "progressive",
                durationSeconds, audioCodec == null ? "none" : audioCodec);
    }
}
