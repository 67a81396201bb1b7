package mp4drop.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import mp4drop.failure.ConversionFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegBinaryTest {

    @Test
    void theBundledBinaryIsExtractedOnceAndReused(@TempDir Path state) throws Exception {
        Path extracted = FfmpegBinary.extractBundled(state.resolve("bin"));
        assertThat(extracted).isEqualTo(state.resolve("bin").resolve("ffmpeg-4.4.1"));
        assertThat(Files.isExecutable(extracted)).isTrue();
        try (var leftovers = Files.list(state.resolve("bin"))) {
            assertThat(leftovers).containsExactly(extracted);
        }
        FileTime firstWrite = Files.getLastModifiedTime(extracted);
        Files.setLastModifiedTime(extracted, FileTime.fromMillis(firstWrite.toMillis() - 60_000));
        FfmpegBinary binary = FfmpegBinary.at(FfmpegBinary.extractBundled(state.resolve("bin")));
        assertThat(Files.getLastModifiedTime(extracted).toMillis()).isEqualTo(firstWrite.toMillis() - 60_000);
        assertThat(binary.version()).startsWith("ffmpeg version 4.4.1");
    }

    @Test
    void aTruncatedExtractionIsReplaced(@TempDir Path state) throws Exception {
        Path bin = Files.createDirectories(state.resolve("bin"));
        Files.write(bin.resolve("ffmpeg-4.4.1"), new byte[] {1, 2, 3});
        Path extracted = FfmpegBinary.extractBundled(bin);
        assertThat(Files.size(extracted)).isGreaterThan(1_000_000);
    }

    @Test
    void aConfiguredPathMustExist(@TempDir Path state) {
        assertThatThrownBy(() -> FfmpegBinary.locate(state.resolve("nope/ffmpeg").toString(), state))
                .isInstanceOfSatisfying(ConversionFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo("ffmpeg-not-found");
                    assertThat(failure.getMessage()).contains("mp4drop.ffmpeg").contains("nope");
                });
    }

    @Test
    void aConfiguredPathIsUsedAsGiven() {
        Path bundled = TestSources.ffmpeg().path();
        FfmpegBinary configured = FfmpegBinary.locate(bundled.toString(), Path.of("unused"));
        assertThat(configured.path()).isEqualTo(bundled);
        assertThat(configured.version()).startsWith("ffmpeg version");
    }
}
