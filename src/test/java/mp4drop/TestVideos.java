package mp4drop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mp4drop.local.FfmpegProcesses;
import mp4drop.local.FfmpegRun;
import mp4drop.local.TestSources;

/**
 * Real videos for the pipeline tests, made once per build with lavfi: every file is probed before anything is
 * spent, and every render is checked before it is published, so neither may be made-up bytes any more.
 */
final class TestVideos {
    /** The length of every source; a render of the same length passes the check. */
    static final double SECONDS = 2;
    private static final Path DIR = Path.of("target", "test-videos");

    private TestVideos() {
    }

    /**
     * A small 2-second AVI with sound. Each variant has content of its own (bytes after the RIFF chunk, which
     * players ignore), so that variants are not taken for duplicates of each other.
     */
    static byte[] video(int variant) {
        byte[] clip = read(made("source.avi", List.of("-f", "lavfi", "-i", lavfi("testsrc2=size=160x120:rate=25"),
                "-f", "lavfi", "-i", lavfi("sine=frequency=440:sample_rate=8000"),
                "-c:v", "mpeg4", "-q:v", "10", "-c:a", "pcm_u8")));
        byte[] tag = ("variant " + variant).getBytes(StandardCharsets.US_ASCII);
        byte[] tagged = new byte[clip.length + tag.length];
        System.arraycopy(clip, 0, tagged, 0, clip.length);
        System.arraycopy(tag, 0, tagged, clip.length, tag.length);
        return tagged;
    }

    /** An H.264 MP4 as the cloud renders it. */
    static byte[] render(double seconds) {
        return read(renderFile(seconds));
    }

    static Path renderFile(double seconds) {
        String length = String.format(Locale.ROOT, "%.1f", seconds);
        return made("render-" + length + "s.mp4", List.of("-f", "lavfi", "-i",
                "testsrc2=size=160x120:rate=25:duration=" + length, "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", "-movflags", "+faststart"));
    }

    /** A render of an upright clip: upright, or upright inside black bars in a wide frame (letterboxed). */
    static byte[] uprightRender(boolean inBars) {
        List<String> recipe = new ArrayList<>(List.of("-f", "lavfi", "-i", lavfi("testsrc2=size=180x320:rate=25")));
        if (inBars) {
            recipe.addAll(List.of("-vf", "pad=568:320:194:0"));
        }
        recipe.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
        return read(made(inBars ? "render-upright-in-bars.mp4" : "render-upright.mp4", recipe));
    }

    private static String lavfi(String source) {
        return source + ":duration=" + SECONDS;
    }

    /** A file made once per build by FFmpeg from {@code recipe} (inputs and codecs; the output is added). */
    static synchronized Path made(String name, List<String> recipe) {
        Path file = DIR.resolve(name);
        if (Files.exists(file)) {
            return file;
        }
        try {
            Files.createDirectories(DIR);
            // test JVMs run side by side (Surefire forks): each makes its own copy and renames it into place
            Path temp = DIR.resolve("." + name + "." + ProcessHandle.current().pid() + ".part"
                    + name.substring(name.lastIndexOf('.')));
            List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-v", "error", "-y"));
            args.addAll(recipe);
            args.add(temp.toString());
            FfmpegRun.Outcome outcome = new FfmpegRun(TestSources.ffmpeg(), new FfmpegProcesses())
                    .capture(args, Duration.ofMinutes(1));
            if (outcome.exitCode() != 0) {
                throw new IllegalStateException("could not make " + name + ": " + outcome.stderr());
            }
            return Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
