package mp4drop.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mp4drop.failure.ConversionFailure;
import org.junit.jupiter.api.Test;

class FfmpegRunTest {
    /** An encode that would take minutes: only a kill ends it early. */
    private static final List<String> ENDLESS = List.of("-hide_banner", "-nostdin", "-f", "lavfi", "-i",
            "testsrc2=size=1280x720:rate=30", "-c:v", "libx264", "-preset", "veryslow", "-progress", "pipe:1",
            "-nostats", "-f", "null", "-");

    @Test
    void progressLinesBecomeWholePercentagesReportedOnce() {
        List<Integer> seen = new ArrayList<>();
        FfmpegRun.ProgressReader reader = new FfmpegRun.ProgressReader(10, seen::add);
        for (String line : List.of("frame=1", "out_time_us=N/A", "out_time_ms=0", "out_time_us=2500000",
                "out_time_ms=2500000", "out_time=00:00:02.500000", "out_time_us=9999999", "out_time_us=12000000",
                "progress=end")) {
            reader.line(line);
        }
        reader.finished();
        assertThat(seen).containsExactly(0, 25, 99, 100);
    }

    @Test
    void aNonZeroExitIsFfmpegFailedWithTheStderrTail() {
        FfmpegRun run = new FfmpegRun(TestSources.ffmpeg(), new FfmpegProcesses());
        assertThatThrownBy(() -> run.encode(List.of("-hide_banner", "-nostdin", "-i", "/no/such/file.avi",
                "-f", "null", "-"), 1, Duration.ofSeconds(30), percent -> { }))
                .isInstanceOfSatisfying(ConversionFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo("ffmpeg-failed");
                    assertThat(failure.getMessage()).contains("exit code 1").contains("No such file or directory");
                    assertThat(failure.details()).isNotEmpty().hasSizeLessThanOrEqualTo(FfmpegRun.TAIL_LINES);
                });
    }

    @Test
    void theTimeLimitKillsTheChild() {
        FfmpegProcesses processes = new FfmpegProcesses();
        FfmpegRun run = new FfmpegRun(TestSources.ffmpeg(), processes);
        long started = System.nanoTime();
        assertThatThrownBy(() -> run.encode(ENDLESS, 600, Duration.ofMillis(1500), percent -> { }))
                .isInstanceOfSatisfying(ConversionFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo("ffmpeg-timeout");
                    assertThat(failure.getMessage()).contains("time limit");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(processes.runningCount()).isZero();
    }

    @Test
    void killAllStopsRunningChildrenAndRefusesNewOnes() throws Exception {
        FfmpegProcesses processes = new FfmpegProcesses();
        FfmpegRun run = new FfmpegRun(TestSources.ffmpeg(), processes);
        CompletableFuture<Void> encode = CompletableFuture.runAsync(
                () -> run.encode(ENDLESS, 600, Duration.ofMinutes(5), percent -> { }));
        await().atMost(Duration.ofSeconds(10)).until(() -> processes.runningCount() > 0);
        assertThat(processes.killAll()).isEqualTo(1);
        assertThatThrownBy(() -> encode.get(15, TimeUnit.SECONDS)).hasCauseInstanceOf(ConversionFailure.class)
                .cause().satisfies(cause -> assertThat(((ConversionFailure) cause).code()).isEqualTo("stopped"));
        assertThatThrownBy(() -> run.capture(ENDLESS, Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(ConversionFailure.class,
                        failure -> assertThat(failure.code()).isEqualTo("stopped"));
    }

    @Test
    void timeLimitIsProportionalWithAFloor() {
        LocalTiming timing = new LocalTiming(3, Duration.ofSeconds(30));
        assertThat(timing.limitFor(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(timing.limitFor(60)).isEqualTo(Duration.ofSeconds(180));
        assertThat(FfmpegRun.human(Duration.ofSeconds(150))).isEqualTo("2 min 30 s");
    }
}
