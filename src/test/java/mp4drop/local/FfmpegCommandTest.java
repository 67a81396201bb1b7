package mp4drop.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FfmpegCommandTest {
    private static final Path IN = Path.of("/inbox/tape 1.avi");
    private static final Path OUT = Path.of("/work/tape 1.mp4.part.mp4");

    static final MediaInfo NTSC_DV = new MediaInfo("avi", 60, "dvvideo", null, "yuv411p", 720, 480, new Ratio(8, 9),
            new Ratio(4, 3), 29.97, FieldOrder.UNKNOWN, "pcm_s16le");
    static final MediaInfo PAL_WIDE_SILENT = new MediaInfo("matroska,webm", 10, "mpeg2video", "Main", "yuv420p",
            720, 576, new Ratio(64, 45), new Ratio(16, 9), 25, FieldOrder.TOP_FIRST, null);
    static final MediaInfo SMALL_WEBM = new MediaInfo("matroska,webm", 5, "vp9", "Profile 0", "yuv420p", 640, 360,
            Ratio.SQUARE, new Ratio(16, 9), 30, FieldOrder.PROGRESSIVE, "opus");
    /** A phone's upright clip: stored 1920x1080, turned a quarter by the player. */
    static final MediaInfo UPRIGHT_PHONE = new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", 3, "h264", "High", "yuv420p",
            1920, 1080, Ratio.SQUARE, new Ratio(16, 9), 30, FieldOrder.PROGRESSIVE, "aac", 90, null);
    private static final RecordingDate RECORDED = new RecordingDate(Instant.parse("2011-08-20T14:30:00.250Z"),
            "the container's creation_time");

    @Test
    void dvAt1080pIsDeinterlacedAndWidenedToSquarePixels() {
        List<String> args = FfmpegCommand.arguments(NTSC_DV, LocalInstruction.parse(null), IN, OUT, RECORDED);
        assertThat(args).containsExactly("-hide_banner", "-nostdin", "-y", "-i", "/inbox/tape 1.avi",
                "-map", "0:v:0", "-map", "0:a:0",
                "-vf", "bwdif=mode=send_frame:parity=bff:deint=all,scale=1440:1080:flags=lanczos,setsar=1,"
                        + "format=yuv420p",
                "-c:v", "libx264", "-preset", "slow", "-crf", "18", "-profile:v", "high", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "192k",
                "-metadata", "creation_time=2011-08-20T14:30:00Z",
                "-sn", "-dn", "-max_muxing_queue_size", "4096", "-movflags", "+faststart",
                "-progress", "pipe:1", "-nostats",
                "-f", "mp4", "/work/tape 1.mp4.part.mp4");
    }

    @Test
    void silentSourceGetsNoAudioAndItsOwnFieldOrder() {
        List<String> args = FfmpegCommand.arguments(PAL_WIDE_SILENT,
                LocalInstruction.parse("Convert to MP4 at 480p, smaller file"), IN, OUT, RECORDED);
        assertThat(args).contains("-an").doesNotContain("0:a:0", "aac");
        assertThat(args).containsSequence("-vf",
                "bwdif=mode=send_frame:parity=tff:deint=all,scale=854:480:flags=lanczos,setsar=1,format=yuv420p");
        assertThat(args).containsSequence("-preset", "medium", "-crf", "26");
    }

    @Test
    void progressiveSmallSourceIsScaledUpWithoutDeinterlacing() {
        List<String> args = FfmpegCommand.arguments(SMALL_WEBM, LocalInstruction.parse("convert to 720p"), IN, OUT,
                RECORDED);
        assertThat(args).containsSequence("-vf", "scale=1280:720:flags=lanczos,setsar=1,format=yuv420p");
        assertThat(String.join(" ", args)).doesNotContain("bwdif", "yadif");
    }

    @Test
    void widthsAreEvenAndFollowTheDisplayShape() {
        assertThat(OutputSize.of(NTSC_DV, plan(1080))).isEqualTo(new OutputSize(1440, 1080));
        assertThat(OutputSize.of(NTSC_DV, plan(480))).isEqualTo(new OutputSize(640, 480));
        assertThat(OutputSize.of(PAL_WIDE_SILENT, plan(1080))).isEqualTo(new OutputSize(1920, 1080));
        assertThat(OutputSize.of(SMALL_WEBM, plan(480))).isEqualTo(new OutputSize(854, 480));
        assertThat(OutputSize.of(SMALL_WEBM, plan(2160))).isEqualTo(new OutputSize(3840, 2160));
    }

    @Test
    void anUprightPhoneClipStaysUprightAndItsResolutionIsItsWidth() {
        assertThat(OutputSize.of(UPRIGHT_PHONE, plan(1080))).isEqualTo(new OutputSize(1080, 1920));
        assertThat(OutputSize.of(UPRIGHT_PHONE, plan(480))).isEqualTo(new OutputSize(480, 854));
    }

    @Test
    void cameraCodecsWhoseContainerIsSilentHaveTheirInterlacedFramesDeinterlaced() {
        MediaInfo unflagged = new MediaInfo("mpegts", 3, "h264", "High", "yuv420p", 1920, 1080, Ratio.SQUARE,
                new Ratio(16, 9), 25, FieldOrder.UNKNOWN, "ac3");
        assertThat(FfmpegCommand.videoFilters(unflagged, new OutputSize(1920, 1080)))
                .startsWith("bwdif=mode=send_frame:parity=auto:deint=interlaced,");
    }

    private static LocalPlan plan(int height) {
        return new LocalPlan(height, LocalPlan.Quality.VISUALLY_LOSSLESS, "test");
    }
}
