package mp4drop.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DvdTitleTest {
    @TempDir
    Path inbox;

    @Test
    void eachTitleSetIsOneRecordingNamedAfterTheDiscAndItsMenusAreNone() throws Exception {
        Path videoTs = Files.createDirectories(inbox.resolve("trips/Holiday 2004/VIDEO_TS"));
        for (String name : new String[] {"VIDEO_TS.VOB", "VTS_01_0.VOB", "VTS_01_1.VOB", "VTS_01_2.VOB",
                "vts_02_0.vob", "vts_02_1.vob", "vts_02_2.vob", "vts_02_3.vob"}) {
            Files.write(videoTs.resolve(name), new byte[] {1});
        }
        Path folder = Path.of("trips/Holiday 2004/VIDEO_TS");

        DvdTitle first = DvdTitle.startingAt(videoTs.resolve("VTS_01_1.VOB")).orElseThrow();
        DvdTitle second = DvdTitle.startingAt(videoTs.resolve("vts_02_1.vob")).orElseThrow();

        assertThat(first.parts()).extracting(part -> part.getFileName().toString())
                .containsExactly("VTS_01_1.VOB", "VTS_01_2.VOB");
        assertThat(second.laterParts()).extracting(part -> part.getFileName().toString())
                .containsExactly("vts_02_2.vob", "vts_02_3.vob");
        assertThat(first.outputPath(folder)).isEqualTo(Path.of("trips/Holiday 2004 - title 1"));
        assertThat(second.outputPath(folder)).isEqualTo(Path.of("trips/Holiday 2004 - title 2"));
        for (String skipped : new String[] {"VIDEO_TS.VOB", "VTS_01_0.VOB", "VTS_01_2.VOB", "vts_02_3.vob"}) {
            assertThat(DvdTitle.notARecordingOfItsOwn(videoTs.resolve(skipped))).as(skipped).isTrue();
        }
        assertThat(DvdTitle.notARecordingOfItsOwn(videoTs.resolve("VTS_01_1.VOB"))).isFalse();
    }

    @Test
    void aDiscWithOneTitleIsNamedAfterItsFolderAndVobsElsewhereAreOrdinaryVideos() throws Exception {
        Path videoTs = Files.createDirectories(inbox.resolve("VIDEO_TS"));
        Files.write(videoTs.resolve("VTS_01_1.VOB"), new byte[] {1});
        Path loose = Files.write(inbox.resolve("VTS_01_2.VOB"), new byte[] {1});

        assertThat(DvdTitle.startingAt(videoTs.resolve("VTS_01_1.VOB")).orElseThrow().outputPath(Path.of("VIDEO_TS")))
                .isEqualTo(Path.of("DVD"));
        assertThat(DvdTitle.startingAt(Path.of("Holiday/VIDEO_TS/VTS_01_1.VOB"))).isPresent();
        assertThat(DvdTitle.notARecordingOfItsOwn(loose)).isFalse();
        assertThat(DvdTitle.startingAt(loose)).isEmpty();
    }
}
