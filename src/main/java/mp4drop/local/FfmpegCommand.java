package mp4drop.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The ffmpeg arguments (without the executable) that turn one source into a shareable H.264/AAC MP4. */
public final class FfmpegCommand {
    static final String AUDIO_BITRATE = "192k";

    private FfmpegCommand() {
    }

    /**
     * @param recorded when the source was recorded: the MP4's creation_time, which photo libraries sort by
     */
    public static List<String> arguments(MediaInfo source, LocalPlan plan, Path input, Path output,
            RecordingDate recorded) {
        OutputSize size = OutputSize.of(source, plan);
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-y", "-i", SourceInput.of(input),
                "-map", "0:v:0"));
        if (source.hasAudio()) {
            args.addAll(List.of("-map", "0:a:0"));
        }
        args.addAll(List.of("-vf", videoFilters(source, size),
                "-c:v", "libx264", "-preset", plan.quality().preset(), "-crf", String.valueOf(plan.quality().crf()),
                "-profile:v", "high", "-pix_fmt", "yuv420p"));
        if (source.hasAudio()) {
            args.addAll(List.of("-c:a", "aac", "-b:a", AUDIO_BITRATE));
        } else {
            args.add("-an");
        }
        args.addAll(List.of("-metadata", "creation_time=" + recorded.iso(), "-sn", "-dn",
                // AVI files from camcorders often interleave audio far from its video; without room to queue,
                // FFmpeg 4 aborts with "Too many packets buffered for output stream".
                "-max_muxing_queue_size", "4096",
                "-movflags", "+faststart",
                "-progress", "pipe:1", "-nostats",
                "-f", "mp4", output.toString()));
        return args;
    }

    /**
     * bwdif in send_frame mode keeps the frame rate (one frame per frame) and is sharper than yadif on motion.
     * DV is bottom field first when the container does not say; H.264 and MPEG-2 whose container does not say
     * have each frame asked (deint=interlaced), so progressive frames pass untouched. A phone's rotation is
     * applied by FFmpeg before these filters (it turns the picture by default), and the size is the turned one.
     * Lanczos keeps small sources crisp when scaled up; setsar=1 declares the square pixels that the width maths
     * produced.
     */
    static String videoFilters(MediaInfo source, OutputSize size) {
        StringBuilder filters = new StringBuilder();
        if (source.interlaced()) {
            String parity = source.fieldOrder().interlaced() ? source.fieldOrder().parity() : "bff";
            filters.append("bwdif=mode=send_frame:parity=").append(parity).append(":deint=all,");
        } else if (source.mayBeInterlaced()) {
            filters.append("bwdif=mode=send_frame:parity=auto:deint=interlaced,");
        }
        filters.append("scale=").append(size.width()).append(':').append(size.height()).append(":flags=lanczos,")
                .append("setsar=1,format=yuv420p");
        return filters.toString();
    }
}
