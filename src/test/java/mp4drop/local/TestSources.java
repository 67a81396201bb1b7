package mp4drop.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Makes every test video with the FFmpeg under test from lavfi sources, so no media is committed. */
public final class TestSources {
    static final double SECONDS = 2;

    private static FfmpegBinary binary;

    private TestSources() {
    }

    /** Extracted once per build into target/, shared by all test classes. */
    public static synchronized FfmpegBinary ffmpeg() {
        if (binary == null) {
            binary = FfmpegBinary.locate(null, Path.of("target", "test-state"));
        }
        return binary;
    }

    /** NTSC DV as a MiniDV camcorder writes it: 720x480 stored, 4:3 shown, bottom field first, 48 kHz PCM. */
    public static Path dvAvi(Path dir) {
        return make(dir.resolve("camcorder-dv.avi"), picture("720x480", "30000/1001"), tone(48000),
                "-vf", "setfield=bff", "-c:v", "dvvideo", "-pix_fmt", "yuv411p", "-aspect", "4:3",
                "-flags", "+ilme+ildct", "-top", "0", "-c:a", "pcm_s16le", "-ac", "2");
    }

    public static Path mjpegAvi(Path dir) {
        return make(dir.resolve("photo-camera-mjpeg.avi"), picture("640x480", "25"), tone(44100),
                "-c:v", "mjpeg", "-q:v", "5", "-pix_fmt", "yuvj420p", "-c:a", "pcm_s16le");
    }

    public static Path xvidAvi(Path dir) {
        return make(dir.resolve("old-xvid.avi"), picture("640x480", "25"), tone(44100),
                "-c:v", "mpeg4", "-vtag", "XVID", "-q:v", "5", "-c:a", "libmp3lame", "-b:a", "128k");
    }

    public static Path vp9Webm(Path dir) {
        return make(dir.resolve("clip-vp9.webm"), picture("640x360", "30"), tone(48000),
                "-c:v", "libvpx-vp9", "-b:v", "400k", "-deadline", "realtime", "-cpu-used", "8",
                "-c:a", "libopus");
    }

    public static Path vp8Webm(Path dir) {
        return make(dir.resolve("clip-vp8.webm"), picture("640x360", "30"), tone(44100),
                "-c:v", "libvpx", "-b:v", "400k", "-deadline", "realtime", "-cpu-used", "8",
                "-c:a", "libvorbis");
    }

    public static Path movAac(Path dir) {
        return make(dir.resolve("phone.mov"), picture("1280x720", "30"), tone(44100),
                "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac");
    }

    /** Interlaced PAL widescreen (anamorphic 720x576, SAR 64:45, top field first) with no sound at all. */
    public static Path silentInterlacedMkv(Path dir) {
        return make(dir.resolve("silent-pal.mkv"), picture("720x576", "25"), List.of(),
                "-c:v", "mpeg2video", "-flags", "+ilme+ildct", "-top", "1", "-field_order", "tt",
                "-aspect", "16:9", "-q:v", "4");
    }

    public static Path audioOnly(Path dir) {
        return make(dir.resolve("voice-memo.avi"), List.of(), tone(44100), "-c:a", "pcm_s16le");
    }

    public static Path garbageAvi(Path dir) throws IOException {
        byte[] bytes = new byte[64 * 1024];
        new Random(42).nextBytes(bytes);
        return Files.write(dir.resolve("not-really.avi"), bytes);
    }

    public static Path emptyAvi(Path dir) throws IOException {
        return Files.write(dir.resolve("empty.avi"), new byte[0]);
    }

    private static List<String> picture(String size, String rate) {
        return List.of("-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=" + rate + ":duration=" + SECONDS);
    }

    private static List<String> tone(int sampleRate) {
        return List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=" + sampleRate + ":duration=" + SECONDS);
    }

    private static Path make(Path file, List<String> video, List<String> audio, String... encoding) {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-v", "error", "-y"));
        args.addAll(video);
        args.addAll(audio);
        args.addAll(List.of(encoding));
        args.add(file.toString());
        FfmpegRun.Outcome outcome = new FfmpegRun(ffmpeg(), new FfmpegProcesses())
                .capture(args, Duration.ofMinutes(1));
        if (outcome.exitCode() != 0) {
            throw new IllegalStateException("could not make " + file.getFileName() + ": " + outcome.stderr());
        }
        return file;
    }
}
