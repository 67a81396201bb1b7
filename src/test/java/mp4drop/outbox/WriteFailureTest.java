package mp4drop.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteFailureTest {
    private static final Path OUTPUT = Path.of("/videos/outbox/.20261121-105700-1a2b3c4d.mp4.part");
    private static final ToLongFunction<Path> NOTHING_FREE = folder -> 0;

    @TempDir
    Path tmp;

    private static Optional<WriteFailure> ffmpegSaid(String... stderr) {
        return WriteFailure.fromFfmpeg(List.of(stderr), OUTPUT, NOTHING_FREE);
    }

    @Test
    void aFullDiskDuringTheEncodeIsNamedWithTheFolderAndTheRoomNotBlamedOnTheSource() throws IOException {
        Path partial = Files.write(tmp.resolve(".job.mp4.part"), new byte[512 * 1024]);

        Optional<WriteFailure> failure = WriteFailure.fromFfmpeg(List.of(
                "[libx264 @ 0x18aabc80] frame I:2     Avg QP:26.14  size:151512",
                "av_interleaved_write_frame(): No space left on device",
                "[mp4 @ 0x36f0f3c0] Starting second pass: moving the moov atom to the beginning of the file",
                "Error writing trailer of " + partial + ": No space left on device",
                "[libx264 @ 0x18aabc80] kb/s:27480.53",
                "Conversion failed!"), partial, NOTHING_FREE);

        assertThat(failure).hasValueSatisfying(write -> {
            assertThat(write.code()).isEqualTo("outbox-full");
            assertThat(write.stage()).isEqualTo("local");
            assertThat(write.getMessage()).isEqualTo(
                    "No space left on the outbox disk (" + tmp + "): 0 B free, more than 512.0 KB needed.");
            assertThat(write.hint()).contains("Free some space").contains("stays in the inbox")
                    .doesNotContain("damaged");
            assertThat(write.details()).containsExactly("av_interleaved_write_frame(): No space left on device",
                    "Error writing trailer of " + partial + ": No space left on device");
        });
    }

    @Test
    void aFullDiskWhenTheHeaderIsWrittenAndAUsedUpQuotaAreWriteErrorsToo() {
        assertThat(ffmpegSaid("Could not write header for output file #0 (incorrect codec parameters ?): "
                + "No space left on device", "Conversion failed!"))
                .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("outbox-full"));
        assertThat(ffmpegSaid("av_interleaved_write_frame(): Disk quota exceeded"))
                .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("outbox-quota"));
    }

    @Test
    void readOnlyOrForbiddenCountOnlyWhenFfmpegSaysItOfTheOutput() {
        assertThat(ffmpegSaid(OUTPUT + ": Read-only file system")).hasValueSatisfying(e -> {
            assertThat(e.code()).isEqualTo("outbox-read-only");
            assertThat(e.getMessage()).isEqualTo("The outbox disk (/videos/outbox) is read-only.");
        });
        assertThat(ffmpegSaid(OUTPUT + ": Permission denied"))
                .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("outbox-not-writable"));
        assertThat(ffmpegSaid("/videos/inbox/tape.avi: Permission denied")).isEmpty();
    }

    @Test
    void aDamagedSourceIsNoWriteError() {
        assertThat(ffmpegSaid("[dvvideo @ 0x55] AC EOB marker is absent pos=64",
                "Error while decoding stream #0:0: Invalid data found when processing input", "Conversion failed!"))
                .isEmpty();
    }

    @Test
    void javaWriteErrorsOfADownloadAreClassifiedByWhatTheSystemSaid() {
        assertThat(WriteFailure.of("download", new IOException("No space left on device"), OUTPUT, 2048,
                folder -> 1024)).hasValueSatisfying(e -> {
                    assertThat(e.code()).isEqualTo("outbox-full");
                    assertThat(e.stage()).isEqualTo("download");
                    assertThat(e.getMessage()).isEqualTo(
                            "No space left on the outbox disk (/videos/outbox): 1.0 KB free, about 2.0 KB needed.");
                });
        assertThat(WriteFailure.of("download", new FileSystemException(OUTPUT.toString(), null,
                "Read-only file system"), OUTPUT, -1, NOTHING_FREE))
                .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("outbox-read-only"));
        assertThat(WriteFailure.of("download", new AccessDeniedException(OUTPUT.toString()), OUTPUT, -1,
                NOTHING_FREE)).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("outbox-not-writable"));
        assertThat(WriteFailure.of("download", new IOException("Input/output error"), OUTPUT, -1, NOTHING_FREE))
                .isEmpty();
    }
}
