package mp4drop.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastBatchRunTest {
    @TempDir
    Path state;

    @Test
    void nothingRecordedReadsAsEmpty() {
        assertThat(new LastBatchRun(state.resolve("not-yet-made")).read()).isEmpty();
    }

    @Test
    void aRecordedStartIsReadBackByTheNextStartUp() throws IOException {
        Instant start = Instant.parse("2026-01-10T02:00:00.123Z");

        new LastBatchRun(state).write(start);
        new LastBatchRun(state).write(start.plusSeconds(86_400));

        assertThat(new LastBatchRun(state).read()).contains(start.plusSeconds(86_400));
        assertThat(Files.readString(state.resolve("batch-last-run"))).isEqualTo("2026-01-11T02:00:00.123Z\n");
        try (var files = Files.list(state)) {
            assertThat(files).containsExactly(state.resolve("batch-last-run"));
        }
    }

    @Test
    void aDamagedRecordReadsAsEmpty() throws IOException {
        Files.writeString(state.resolve("batch-last-run"), "yesterday");

        assertThat(new LastBatchRun(state).read()).isEmpty();
    }
}
