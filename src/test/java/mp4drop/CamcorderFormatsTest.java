package mp4drop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import mp4drop.cli.PlanCommand;
import mp4drop.config.CommandProperties;
import mp4drop.local.FfmpegProcesses;
import mp4drop.local.FfmpegRun;
import mp4drop.local.MediaInfo;
import mp4drop.local.MediaProbe;
import mp4drop.local.TestSources;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files on real drives, through the real routes on the local engine: camcorder, DVD, capture-card and
 * phone formats each come out the right shape, progressive, with sound and with their recording date.
 */
class CamcorderFormatsTest {
    private static final Duration LIMIT = Duration.ofMinutes(4);
    /** When the files without a date of their own were copied off the camera. */
    private static final Instant COPIED = Instant.parse("2012-07-01T10:00:00Z");

    @TempDir
    Path root;

    private final MediaProbe probe = new MediaProbe(new FfmpegRun(TestSources.ffmpeg(), new FfmpegProcesses()));

    @Test
    void everyKindOfHomeVideoBecomesAnUprightDatedProgressiveMp4() throws Exception {
        Path sources = Files.createDirectories(root.resolve("sources"));
        Pipeline pipeline = new Pipeline(root).set("mp4drop.engine", "local");
        Path inbox = Files.createDirectories(pipeline.inbox);
        Files.writeString(inbox.resolve("mp4drop.properties"), "instruction = Convert to MP4 at 480p, smaller file\n");
        dropCopied(TestSources.avchdMts(sources), inbox.resolve("00001.MTS"));
        dropCopied(TestSources.widescreenMod(sources), inbox.resolve("MOV001.MOD"));
        // captured off the tape years later: the camcorder's own clock, in every frame, is the date
        dropCopied(TestSources.rawDv(sources, "2003-06-14T10:20:30"), inbox.resolve("tape.dv"));
        dropCopied(TestSources.amr3gp(sources), inbox.resolve("old phone.3gp"));
        dropCopied(TestSources.wmv(sources), inbox.resolve("windows.wmv"));
        Files.move(TestSources.datedAvi(sources, "2009-05-03"), inbox.resolve("dated.avi"));
        Files.move(TestSources.uprightPhoneClip(sources, "2011-08-20T14:30:00Z"), inbox.resolve("upright.mov"));
        Path disc = TestSources.dvdFolder(Files.createDirectories(inbox.resolve("family")), "Holiday 2004");
        Path videoTs = disc.resolve("VIDEO_TS");
        byte[] part1 = Files.readAllBytes(videoTs.resolve("VTS_01_1.VOB"));
        byte[] part2 = Files.readAllBytes(videoTs.resolve("VTS_01_2.VOB"));
        for (String part : Pipeline.names(videoTs)) {
            Files.setLastModifiedTime(videoTs.resolve(part), FileTime.from(COPIED));
        }

        assertThat(pipeline.runOnce(LIMIT)).isZero();

        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("00001.mp4", "MOV001.mp4", "dated.mp4",
                "family", "old phone.mp4", "tape.mp4", "upright.mp4", "windows.mp4");
        // the two parts are one recording: both seconds of it, named after the disc; the menus are no video
        assertThat(Pipeline.names(pipeline.outbox.resolve("family"))).containsExactly("Holiday 2004.mp4");
        assertOutput(pipeline.outbox.resolve("family/Holiday 2004.mp4"), 640, 480, COPIED);
        Path archivedDisc = pipeline.archive.resolve("family/Holiday 2004/VIDEO_TS");
        assertThat(Pipeline.names(archivedDisc)).containsExactly("VTS_01_1.VOB", "VTS_01_2.VOB");
        assertThat(Files.readAllBytes(archivedDisc.resolve("VTS_01_1.VOB"))).isEqualTo(part1);
        assertThat(Files.readAllBytes(archivedDisc.resolve("VTS_01_2.VOB"))).isEqualTo(part2);
        assertThat(Pipeline.names(videoTs)).containsExactly("VIDEO_TS.BUP", "VIDEO_TS.IFO", "VIDEO_TS.VOB",
                "VTS_01_0.BUP", "VTS_01_0.IFO", "VTS_01_0.VOB");
        Instant icrd = LocalDate.of(2009, 5, 3).atStartOfDay(ZoneId.systemDefault()).toInstant();
        assertOutput(pipeline.outbox.resolve("00001.mp4"), 854, 480, COPIED);
        assertOutput(pipeline.outbox.resolve("MOV001.mp4"), 854, 480, COPIED);
        assertOutput(pipeline.outbox.resolve("tape.mp4"), 640, 480,
                LocalDateTime.parse("2003-06-14T10:20:30").atZone(ZoneId.systemDefault()).toInstant());
        // QCIF with no aspect flag is shown as stored, 11:9
        assertOutput(pipeline.outbox.resolve("old phone.mp4"), 586, 480, COPIED);
        assertOutput(pipeline.outbox.resolve("windows.mp4"), 640, 480, COPIED);
        assertOutput(pipeline.outbox.resolve("dated.mp4"), 640, 480, icrd);
        assertOutput(pipeline.outbox.resolve("upright.mp4"), 480, 854, Instant.parse("2011-08-20T14:30:00Z"));
        assertThat(Pipeline.names(pipeline.failed)).isEmpty();
    }

    @Test
    void aDvdTitleThatIsNoVideoFailsWithAllItsParts() throws Exception {
        Pipeline pipeline = new Pipeline(root).set("mp4drop.engine", "local");
        Path videoTs = Files.createDirectories(pipeline.inbox.resolve("Scratched/VIDEO_TS"));
        byte[] noise = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(noise);
        Files.write(videoTs.resolve("VTS_01_1.VOB"), noise);
        Files.write(videoTs.resolve("VTS_01_2.VOB"), noise);
        Files.write(videoTs.resolve("VIDEO_TS.VOB"), noise);

        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(1);

        assertThat(Pipeline.names(pipeline.failed.resolve("Scratched/VIDEO_TS")))
                .containsExactly("VTS_01_1.VOB", "VTS_01_1.VOB.error.json", "VTS_01_2.VOB");
        assertThat(Pipeline.names(videoTs)).containsExactly("VIDEO_TS.VOB");
    }

    @Test
    void thePlanShowsADvdTitleOnceAndEveryRecordingDateWithWhereItCameFrom() throws Exception {
        Path sources = Files.createDirectories(root.resolve("sources"));
        Pipeline pipeline = new Pipeline(root).set("mp4drop.engine", "local");
        Path inbox = Files.createDirectories(pipeline.inbox);
        Path videoTs = TestSources.dvdFolder(inbox, "Holiday 2004").resolve("VIDEO_TS");
        Files.setLastModifiedTime(videoTs.resolve("VTS_01_1.VOB"), FileTime.from(COPIED));
        Files.move(TestSources.uprightPhoneClip(sources, "2011-08-20T14:30:00Z"), inbox.resolve("upright.mov"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        assertThat(PlanCommand.run(CommandProperties.load(Map.copyOf(pipeline.settings())),
                new PrintStream(printed, true, StandardCharsets.UTF_8))).isZero();

        String plan = printed.toString(StandardCharsets.UTF_8);
        assertThat(plan).contains("Holiday 2004/VIDEO_TS/VTS_01_1.VOB (")
                .contains("a DVD title of 2 parts, one MP4: Holiday 2004.mp4")
                .contains("recorded 2012-07-01T10:00:00Z (from the file's modification time)")
                .contains("upright.mov (").contains("turned 270°")
                .contains("recorded 2011-08-20T14:30:00Z (from the container's creation_time)")
                .contains("2 file(s): 2 would be converted")
                .doesNotContain("VTS_01_2.VOB", "VTS_01_0.VOB", "VIDEO_TS.VOB");
    }

    /** As a copy that keeps the camera's file time does. */
    private static void dropCopied(Path source, Path target) throws Exception {
        Files.move(source, target);
        Files.setLastModifiedTime(target, FileTime.from(COPIED));
    }

    private void assertOutput(Path mp4, int width, int height, Instant recorded) throws Exception {
        MediaInfo output = probe.probe(mp4);
        assertThat(output.width() + "x" + output.height()).as(mp4 + " size").isEqualTo(width + "x" + height);
        assertThat(output.rotation()).as(mp4 + " rotation").isZero();
        assertThat(output.videoCodec()).isEqualTo("h264");
        assertThat(output.interlaced()).as(mp4 + " scan").isFalse();
        assertThat(output.audioCodec()).as(mp4 + " audio").isEqualTo("aac");
        assertThat(output.durationSeconds()).as(mp4 + " duration").isCloseTo(2.0, Offset.offset(0.3));
        assertThat(output.recorded()).as(mp4 + " creation_time").isNotNull();
        assertThat(output.recorded().instant()).as(mp4 + " creation_time").isEqualTo(recorded);
        assertThat(Files.getLastModifiedTime(mp4).toInstant()).as(mp4 + " file time").isEqualTo(recorded);
    }
}
