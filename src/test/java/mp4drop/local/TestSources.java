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

    /** AVCHD as a camcorder writes it: interlaced H.264 (top field first) and AC-3 in an MPEG transport stream. */
    public static Path avchdMts(Path dir) {
        return make(dir.resolve("00001.MTS"), picture("640x360", "25"), tone(48000),
                "-c:v", "libx264", "-preset", "ultrafast", "-flags", "+ildct+ilme", "-x264opts", "tff=1",
                "-c:a", "ac3", "-f", "mpegts");
    }

    /** A JVC/Panasonic .MOD: PAL MPEG-2, interlaced, flagged 16:9, in an MPEG program stream. */
    public static Path widescreenMod(Path dir) {
        return make(dir.resolve("MOV001.MOD"), picture("720x576", "25"), tone(48000),
                "-c:v", "mpeg2video", "-aspect", "16:9", "-flags", "+ildct+ilme", "-top", "1", "-q:v", "6",
                "-c:a", "ac3", "-f", "vob");
    }

    /**
     * Raw PAL DV as a FireWire capture writes it: 4:3, interlaced, 48 kHz PCM, and in every frame the camcorder's
     * recording date and time (VAUX packs 0x62 and 0x63), which FFmpeg's DV muxer takes from creation_time.
     */
    public static Path rawDv(Path dir, String cameraClock) {
        return make(dir.resolve("tape.dv"), picture("720x576", "25"), tone(48000),
                "-c:v", "dvvideo", "-pix_fmt", "yuv420p", "-aspect", "4:3", "-flags", "+ilme+ildct",
                "-c:a", "pcm_s16le", "-ac", "2", "-metadata", "creation_time=" + cameraClock, "-f", "dv");
    }

    /** The same DV frames in an AVI, as a FireWire capture tool writes them (the date only inside the frames). */
    public static Path dvInAvi(Path dv) {
        return make(dv.resolveSibling(dv.getFileName() + ".avi"), List.of("-i", dv.toString()), List.of(),
                "-c", "copy", "-map_metadata", "-1");
    }

    /** An old phone's 3GP: H.263 QCIF shown 4:3, AMR-NB speech audio. */
    public static Path amr3gp(Path dir) {
        return make(dir.resolve("old phone.3gp"), picture("176x144", "15"), tone(8000),
                "-c:v", "h263", "-c:a", "libopencore_amrnb", "-ar", "8000", "-ac", "1", "-b:a", "12.2k");
    }

    public static Path wmv(Path dir) {
        return make(dir.resolve("windows.wmv"), picture("320x240", "25"), tone(44100),
                "-c:v", "wmv2", "-c:a", "wmav2", "-f", "asf");
    }

    /** A camcorder AVI whose RIFF INFO holds its recording date (ICRD), as FFmpeg writes its "date" tag. */
    public static Path datedAvi(Path dir, String icrd) {
        return make(dir.resolve("dated.avi"), picture("320x240", "25"), tone(44100),
                "-c:v", "mpeg4", "-q:v", "5", "-c:a", "pcm_s16le", "-metadata", "date=" + icrd);
    }

    /**
     * A phone's upright clip as phones store it: the picture lying (stored wide) with a 90° display matrix, and
     * the QuickTime creation time. FFmpeg 4.4 writes the matrix from the old {@code rotate} tag, and only when
     * it copies, so the clip is encoded first and then given its rotation.
     */
    public static Path uprightPhoneClip(Path dir, String creationTime) {
        Path lying = make(dir.resolve(".lying.mp4"), picture("320x180", "30"), tone(44100),
                "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac");
        Path upright = make(dir.resolve("upright.mov"), List.of("-i", lying.toString()), List.of(),
                "-c", "copy", "-metadata:s:v:0", "rotate=90", "-metadata", "creation_time=" + creationTime);
        delete(lying);
        return upright;
    }

    /**
     * A DVD recorder's disc copied into a folder: {@code VIDEO_TS} with its menus (VIDEO_TS.VOB, VTS_01_0.VOB),
     * its information files, and one recording cut byte-wise into VTS_01_1.VOB and VTS_01_2.VOB at a 2 KB pack.
     *
     * @return the disc's folder
     */
    public static Path dvdFolder(Path dir, String discName) throws IOException {
        Path videoTs = Files.createDirectories(dir.resolve(discName).resolve("VIDEO_TS"));
        Path whole = make(dir.resolve(".title.vob"), picture("720x576", "25"), tone(48000),
                "-c:v", "mpeg2video", "-aspect", "4:3", "-q:v", "6", "-c:a", "ac3", "-f", "dvd");
        Path menu = make(dir.resolve(".menu.vob"), List.of("-f", "lavfi", "-i", "color=size=720x576:rate=25:d=0.2"),
                List.of(), "-c:v", "mpeg2video", "-f", "dvd");
        byte[] title = Files.readAllBytes(whole);
        int cut = title.length / 2 / 2048 * 2048;
        Files.write(videoTs.resolve("VTS_01_1.VOB"), java.util.Arrays.copyOfRange(title, 0, cut));
        Files.write(videoTs.resolve("VTS_01_2.VOB"), java.util.Arrays.copyOfRange(title, cut, title.length));
        Files.copy(menu, videoTs.resolve("VIDEO_TS.VOB"));
        Files.copy(menu, videoTs.resolve("VTS_01_0.VOB"));
        for (String info : List.of("VIDEO_TS.IFO", "VIDEO_TS.BUP", "VTS_01_0.IFO", "VTS_01_0.BUP")) {
            Files.write(videoTs.resolve(info), new byte[2048]);
        }
        delete(whole);
        delete(menu);
        return videoTs.getParent();
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
