package mp4drop.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import mp4drop.CapturedLog;
import mp4drop.failure.ConversionFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real conversions of short generated clips through the whole local engine. */
class LocalConverterTest {
    @TempDir
    static Path sources;

    private static final FfmpegProcesses PROCESSES = new FfmpegProcesses();
    private static LocalConverter converter;
    private static Map<String, Path> clips;

    @TempDir
    Path out;

    @BeforeAll
    static void makeSources() {
        converter = new LocalConverter(TestSources.ffmpeg(), LocalTiming.defaults(), PROCESSES);
        Map<String, Function<Path, Path>> makers = Map.of("dv", TestSources::dvAvi, "mjpeg", TestSources::mjpegAvi,
                "xvid", TestSources::xvidAvi, "vp9", TestSources::vp9Webm, "vp8", TestSources::vp8Webm,
                "mov", TestSources::movAac, "silent-pal", TestSources::silentInterlacedMkv);
        clips = makers.entrySet().parallelStream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().apply(sources)));
    }

    @AfterAll
    static void stopChildren() {
        PROCESSES.close();
    }

    @Test
    void interlacedDvBecomes1440x1080SquarePixelProgressiveMp4() {
        List<Integer> progress = new CopyOnWriteArrayList<>();
        Path output = out.resolve("camcorder-dv.mp4.part.mp4");
        LocalResult result = converter.convert(clips.get("dv"), output, null, progress::add);

        assertThat(result.plan().targetHeight()).isEqualTo(1080);
        assertThat(result.source().interlaced()).isTrue();
        assertThat(result.arguments()).anyMatch(arg -> arg.startsWith("bwdif="));
        assertFaithfulMp4(result, 1440, 1080, true);
        assertThat(progress).isSorted().endsWith(100);
        assertThat(out).isDirectoryContaining(path -> path.equals(output));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource(delimiter = '|', textBlock = """
            mjpeg      | Convert this video to MP4 at 480p without losing quality | 640  | 480 | true
            xvid       | Convert to MP4 at 480p, smaller file                     | 640  | 480 | true
            vp9        | Convert this video to MP4 at 720p                        | 1280 | 720 | true
            vp8        | convert to mp4 at 480p                                   | 854  | 480 | true
            mov        | Convert this video to MP4 at 720p without losing quality | 1280 | 720 | true
            silent-pal | Convert to MP4 at 480p                                   | 854  | 480 | false
            """)
    void everyCamcorderFormatBecomesAShareableMp4(String clip, String instruction, int width, int height,
            boolean audio) {
        LocalResult result = converter.convert(clips.get(clip), out.resolve(clip + ".part.mp4"), instruction,
                percent -> { });
        assertFaithfulMp4(result, width, height, audio);
    }

    @Test
    void aTruncatedOutputFailsTheCheckAlthoughItStillProbes() throws Exception {
        LocalResult result = converter.convert(clips.get("mov"), out.resolve("whole.mp4"), "convert to 480p",
                percent -> { });
        byte[] whole = Files.readAllBytes(out.resolve("whole.mp4"));
        Path truncated = Files.write(out.resolve("truncated.mp4"), Arrays.copyOf(whole, whole.length * 6 / 10));
        FfmpegRun run = new FfmpegRun(TestSources.ffmpeg(), PROCESSES);
        OutputCheck check = new OutputCheck(new MediaProbe(run), run);

        assertThatThrownBy(() -> check.check(result.source(), result.plan(), truncated))
                .isInstanceOfSatisfying(ConversionFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo("output-check-failed");
                    assertThat(failure.getMessage()).contains("does not decode cleanly");
                    assertThat(failure.details()).anyMatch(line -> line.contains("Invalid"));
                });
    }

    @Test
    void theDoneLineSaysHowLongTheVideoIsSoTheTimeCannotBeReadAsASpeed() {
        try (CapturedLog log = new CapturedLog()) {
            converter.convert(clips.get("mov"), out.resolve("timed.mp4"), "convert to 480p", percent -> { });

            assertThat(log.events()).map(event -> event.getMessage().getFormattedMessage())
                    .filteredOn(line -> line.startsWith("Converted phone.mov in "))
                    .singleElement().asString()
                    .matches("Converted phone\\.mov in \\d+ s for 2 s of video: .*")
                    .doesNotContain("real time");
        }
    }

    @Test
    void garbageAndEmptyFilesFailWithClearCodes() throws Exception {
        assertFailure(TestSources.garbageAvi(out), null, "not-a-video");
        assertFailure(TestSources.emptyAvi(out), null, "empty-file");
    }

    @Test
    void backgroundMusicNeedsTheCloud() {
        assertFailure(clips.get("mov"), "Convert to MP4 and add some background music", "needs-cloud");
    }

    @Test
    void theTimeLimitStopsAnEncodeAndLeavesNoPartialFile() {
        LocalConverter hurried = new LocalConverter(TestSources.ffmpeg(),
                new LocalTiming(0.0001, Duration.ofMillis(300)), PROCESSES);
        Path output = out.resolve("hurried.part.mp4");
        assertThatThrownBy(() -> hurried.convert(clips.get("dv"), output, null, percent -> { }))
                .isInstanceOfSatisfying(ConversionFailure.class,
                        failure -> assertThat(failure.code()).isEqualTo("ffmpeg-timeout"));
        assertThat(output).doesNotExist();
        assertThat(PROCESSES.runningCount()).isZero();
    }

    @Test
    void theArgumentsCanBeSeenWithoutRunningThem() {
        Path output = out.resolve("dry.mp4");
        List<String> args = converter.ffmpegArguments(clips.get("dv"), output, "Convert to MP4 at 720p");
        assertThat(args).containsSequence("-i", clips.get("dv").toString()).endsWith("-f", "mp4", output.toString());
        assertThat(String.join(" ", args)).contains("scale=960:720");
        assertThat(output).doesNotExist();
    }

    @Test
    void concurrencyDefaultLeavesX264TheCores() {
        assertThat(LocalConverter.defaultConcurrency())
                .isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }

    private static void assertFaithfulMp4(LocalResult result, int width, int height, boolean audio) {
        MediaInfo mp4 = result.output();
        assertThat(mp4.container()).contains("mp4");
        assertThat(mp4.videoCodec()).isEqualTo("h264");
        assertThat(mp4.videoProfile()).isEqualTo("High");
        assertThat(mp4.pixelFormat()).isEqualTo("yuv420p");
        assertThat(mp4.width()).isEqualTo(width);
        assertThat(mp4.height()).isEqualTo(height);
        assertThat(mp4.sampleAspectRatio()).isEqualTo(Ratio.SQUARE);
        assertThat(mp4.interlaced()).isFalse();
        assertThat(mp4.audioCodec()).isEqualTo(audio ? "aac" : null);
        assertThat(mp4.durationSeconds()).isCloseTo(result.source().durationSeconds(), offset(0.25));
    }

    private void assertFailure(Path source, String instruction, String code) {
        Path output = out.resolve("failed.part.mp4");
        assertThatThrownBy(() -> converter.convert(source, output, instruction, percent -> { }))
                .isInstanceOfSatisfying(ConversionFailure.class, failure -> {
                    assertThat(failure.stage()).isEqualTo("local");
                    assertThat(failure.code()).isEqualTo(code);
                    assertThat(failure.hint()).isNotBlank();
                });
        assertThat(output).doesNotExist();
    }
}
