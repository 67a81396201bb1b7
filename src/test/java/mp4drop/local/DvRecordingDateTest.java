package mp4drop.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DvRecordingDateTest {
    private static final Instant RECORDED = Instant.parse("2003-06-14T10:20:30Z");

    @Test
    void theCamcordersClockIsReadFromRawDvAndFromDvInAnAvi(@TempDir Path dir) {
        Path dv = TestSources.rawDv(dir, "2003-06-14T10:20:30");
        Path avi = TestSources.dvInAvi(dv);

        for (Path tape : new Path[] {dv, avi}) {
            RecordingDate date = DvRecordingDate.of(tape, ZoneOffset.UTC).orElseThrow();
            assertThat(date.instant()).as(tape.toString()).isEqualTo(RECORDED);
            assertThat(date.source()).isEqualTo("the DV camcorder's recording date (VAUX)");
        }
    }

    @Test
    void framesWithoutARecordingDateGiveNone(@TempDir Path dir) {
        assertThat(DvRecordingDate.of(TestSources.dvAvi(dir), ZoneOffset.UTC)).isEmpty();
        assertThat(DvRecordingDate.of(TestSources.movAac(dir), ZoneOffset.UTC)).isEmpty();
    }
}
