package mp4drop.job;

import java.time.Instant;
import java.util.Locale;

/**
 * What the probe at the inbox found in the original, before any network call: recorded in the job so that
 * the plan, the log and the check of a cloud render all see the same figures.
 */
public class SourceMedia {
    public double durationSeconds;
    public int width;
    public int height;
    public double frameRate;
    public boolean interlaced;
    /** The audio codec, null when the file has no sound. */
    public String audio;
    public String videoCodec;
    /** Clockwise degrees a player turns the stored picture (a phone's upright clip: 90). */
    public int rotation;
    /**
     * Width by height as a player shows it (turned, pixel shape applied): below 1 the clip is upright, and a
     * render must come back so too. 0 in records made before it was kept.
     */
    public double shownAspect;
    /** When the video was recorded, which its MP4 carries on (creation_time and the file's time). */
    public Instant recordedAt;
    /** Where {@link #recordedAt} was read, e.g. "the container's creation_time". */
    public String recordedFrom;
    /** FFmpeg's demuxer name, e.g. "mpeg" or "mov,mp4,m4a,3gp,3g2,mj2": what the cloud is asked to take. */
    public String container;

    public SourceMedia() {
    }

    public SourceMedia(double durationSeconds, int width, int height, double frameRate, boolean interlaced,
            String audio, String videoCodec) {
        this.durationSeconds = durationSeconds;
        this.width = width;
        this.height = height;
        this.frameRate = frameRate;
        this.interlaced = interlaced;
        this.audio = audio;
        this.videoCodec = videoCodec;
    }

    /** For the "taken" line and the plan: "12.0 s, 720x480 29.97 fps interlaced, audio pcm_s16le". */
    public String summary() {
        return String.format(Locale.ROOT, "%.1f s, %dx%d%s %s fps %s, %s%s", durationSeconds, width, height,
                rotation == 0 ? "" : " turned " + rotation + "°", fps(), interlaced ? "interlaced" : "progressive",
                audio == null ? "no audio" : "audio " + audio,
                recordedAt == null ? "" : ", recorded " + recordedAt + " (from " + recordedFrom + ")");
    }

    private String fps() {
        String text = String.format(Locale.ROOT, "%.2f", frameRate);
        return text.replaceAll("\\.?0+$", "");
    }
}
