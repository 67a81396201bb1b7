package mp4drop.standin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import mp4drop.local.FfmpegBinary;
import mp4drop.local.FfmpegProcesses;
import mp4drop.local.FfmpegRun;

/**
 * Makes a source video for the benchmarks with FFmpeg's lavfi (a moving test picture and a tone), since
 * mp4drop now probes every file before anything is spent and made-up bytes fail at the inbox.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:target/lib/* mp4drop.standin.TestClip FILE SECONDS [WxH [TONE_HZ]]
 * </pre>
 * The container follows FILE's extension (use .avi: MPEG-4 Part 2 and PCM sound, like an old camera). The
 * picture is the same for every clip of a length: give each its own tone, or mp4drop takes them for duplicates.
 */
public final class TestClip {
    private TestClip() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: TestClip FILE SECONDS [WxH [TONE_HZ]]");
        }
        String length = String.format(Locale.ROOT, "%.3f", Double.parseDouble(args[1]));
        String size = args.length > 2 ? args[2] : "640x480";
        String tone = args.length > 3 ? args[3] : "440";
        FfmpegBinary ffmpeg = FfmpegBinary.locate(System.getenv("MP4DROP_FFMPEG"), Path.of("target", "test-state"));
        FfmpegRun.Outcome made = new FfmpegRun(ffmpeg, new FfmpegProcesses()).capture(List.of("-hide_banner",
                "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=25:duration=" + length,
                "-f", "lavfi", "-i", "sine=frequency=" + tone + ":sample_rate=48000:duration=" + length,
                "-c:v", "mpeg4", "-q:v", "4", "-c:a", "pcm_s16le", args[0]), Duration.ofMinutes(10));
        if (made.exitCode() != 0) {
            System.err.println(String.join("\n", made.tail()));
            System.exit(1);
        }
    }
}
