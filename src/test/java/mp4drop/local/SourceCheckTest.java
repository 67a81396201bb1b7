package mp4drop.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import mp4drop.failure.ConversionFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The look before paying: whole videos pass, anything else fails with a reason before a byte is uploaded. */
class SourceCheckTest {
    private final FfmpegRun run = new FfmpegRun(TestSources.ffmpeg(), new FfmpegProcesses());
    private final SourceCheck check = new SourceCheck(new MediaProbe(run), run);

    @Test
    void aWholeTapePasses(@TempDir Path dir) {
        assertThat(check.check(TestSources.dvAvi(dir)).durationSeconds()).isEqualTo(TestSources.SECONDS);
    }

    @Test
    void aTruncatedAviIsCaughtByItsRiffSize(@TempDir Path dir) throws Exception {
        assertFails(halved(TestSources.xvidAvi(dir)), "truncated", "its header promises");
    }

    @Test
    void aTruncatedMkvIsCaughtWhereItsPictureEnds(@TempDir Path dir) throws Exception {
        assertFails(halved(TestSources.silentInterlacedMkv(dir)), "truncated", "the picture ends at");
    }

    @Test
    void garbageAndSoundOnlyAreNotVideos(@TempDir Path dir) throws Exception {
        assertFails(TestSources.garbageAvi(dir), "not-a-video", "not a video");
        assertFails(TestSources.audioOnly(dir), "not-a-video", "only audio");
    }

    private static Path halved(Path video) throws Exception {
        byte[] bytes = Files.readAllBytes(video);
        return Files.write(video, Arrays.copyOf(bytes, bytes.length / 2));
    }

    private void assertFails(Path file, String code, String words) {
        assertThatThrownBy(() -> check.check(file)).isInstanceOf(ConversionFailure.class)
                .hasMessageContaining(words).extracting(e -> ((ConversionFailure) e).code()).isEqualTo(code);
    }
}
