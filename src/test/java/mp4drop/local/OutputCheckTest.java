package mp4drop.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputCheckTest {
    private static final LocalPlan PLAN_1080 = new LocalPlan(1080, LocalPlan.Quality.VISUALLY_LOSSLESS, "t");
    private static final MediaInfo GOOD = new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", 60.02, "h264", "High", "yuv420p",
            1440, 1080, Ratio.SQUARE, new Ratio(4, 3), 29.97, FieldOrder.UNKNOWN, "aac");

    @Test
    void aFaithfulOutputPasses() {
        assertThat(OutputCheck.differences(FfmpegCommandTest.NTSC_DV, PLAN_1080, GOOD)).isEmpty();
    }

    @Test
    void everyDifferenceIsNamed() {
        MediaInfo bad = new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", 55, "h264", "Main", "yuv422p", 720, 480,
                new Ratio(8, 9), new Ratio(4, 3), 29.97, FieldOrder.BOTTOM_FIRST, null);
        assertThat(OutputCheck.differences(FfmpegCommandTest.NTSC_DV, PLAN_1080, bad)).containsExactly(
                "H.264 profile: expected High, found Main",
                "pixel format: expected yuv420p, found yuv422p",
                "size: expected 1440x1080, found 720x480",
                "pixel shape (SAR): expected 1:1, found 8:9",
                "scan: expected progressive, found bottom first",
                "audio codec: expected aac, found none",
                "duration: expected 60.00 s (± 1.20 s), found 55.00 s");
    }

    @Test
    void audioIsNotExpectedFromASilentSource() {
        MediaInfo silentOutput = new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", 10, "h264", "High", "yuv420p", 1920, 1080,
                Ratio.SQUARE, new Ratio(16, 9), 25, FieldOrder.PROGRESSIVE, null);
        assertThat(OutputCheck.differences(FfmpegCommandTest.PAL_WIDE_SILENT, PLAN_1080, silentOutput)).isEmpty();
    }

    @Test
    void anOutputThatAPlayerWouldTurnAgainIsNotRight() {
        MediaInfo stillTurned = new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", 3, "h264", "High", "yuv420p", 1080, 1920,
                Ratio.SQUARE, new Ratio(9, 16), 30, FieldOrder.PROGRESSIVE, "aac", 90, null);
        assertThat(OutputCheck.differences(FfmpegCommandTest.UPRIGHT_PHONE, PLAN_1080, stillTurned))
                .containsExactly("rotation: expected 0°, found 90°");
    }
}
