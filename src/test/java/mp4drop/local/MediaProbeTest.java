package mp4drop.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import mp4drop.failure.ConversionFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaProbeTest {
    private final MediaProbe probe = new MediaProbe(new FfmpegRun(TestSources.ffmpeg(), new FfmpegProcesses()));

    @Test
    void dvIsSeenAsInterlaced4by3WithPcmAudio(@TempDir Path dir) {
        MediaInfo info = probe.probe(TestSources.dvAvi(dir));
        assertThat(info.videoCodec()).isEqualTo("dvvideo");
        assertThat(info.width()).isEqualTo(720);
        assertThat(info.height()).isEqualTo(480);
        assertThat(info.sampleAspectRatio()).isEqualTo(new Ratio(8, 9));
        assertThat(info.displayAspectRatio()).isEqualTo(new Ratio(4, 3));
        assertThat(info.interlaced()).isTrue();
        assertThat(info.audioCodec()).isEqualTo("pcm_s16le");
        assertThat(info.durationSeconds()).isCloseTo(TestSources.SECONDS, offset(0.1));
    }

    /** The carried static build crashed on every transport stream before it was kept off this machine's iconv. */
    @Test
    void anAvchdTransportStreamIsSeenAsInterlacedH264WithAc3(@TempDir Path dir) {
        MediaInfo info = probe.probe(TestSources.avchdMts(dir));
        assertThat(info.container()).isEqualTo("mpegts");
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.fieldOrder()).isEqualTo(FieldOrder.TOP_FIRST);
        assertThat(info.audioCodec()).isEqualTo("ac3");
    }

    @Test
    void aWidescreenModIsShown16by9(@TempDir Path dir) {
        MediaInfo info = probe.probe(TestSources.widescreenMod(dir));
        assertThat(info.videoCodec()).isEqualTo("mpeg2video");
        assertThat(info.displayAspectRatio()).isEqualTo(new Ratio(16, 9));
        assertThat(info.interlaced()).isTrue();
    }

    @Test
    void garbageNamedAviIsNotAVideo(@TempDir Path dir) throws Exception {
        assertFails(TestSources.garbageAvi(dir), "not-a-video", "not a video FFmpeg can read");
    }

    @Test
    void anEmptyFileSaysSo(@TempDir Path dir) throws Exception {
        assertFails(TestSources.emptyAvi(dir), "empty-file", "empty (0 bytes)");
    }

    @Test
    void soundWithoutPicturesIsNotAVideo(@TempDir Path dir) {
        assertFails(TestSources.audioOnly(dir), "not-a-video", "only audio");
    }

    @Test
    void aFolderIsNotAVideo(@TempDir Path dir) {
        assertFails(dir, "not-a-video", "is a folder");
    }

    @Test
    void aMissingFileSaysSo(@TempDir Path dir) {
        assertFails(dir.resolve("gone.avi"), "missing-file", "gone.avi");
    }

    private void assertFails(Path file, String code, String messagePart) {
        assertThatThrownBy(() -> probe.probe(file)).isInstanceOfSatisfying(ConversionFailure.class, failure -> {
            assertThat(failure.stage()).isEqualTo("local");
            assertThat(failure.code()).isEqualTo(code);
            assertThat(failure.getMessage()).contains(messagePart);
            assertThat(failure.hint()).isNotBlank();
        });
    }
}
