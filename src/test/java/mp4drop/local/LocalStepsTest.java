package mp4drop.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import mp4drop.job.FileInstructions;
import mp4drop.job.FileJobStore;
import mp4drop.job.Job;
import mp4drop.job.JobStore;
import mp4drop.job.Stage;
import mp4drop.outbox.Originals;
import mp4drop.outbox.Outbox;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStepsTest {
    @TempDir
    Path tmp;

    @Test
    void theJobCarriesTheEncodesPercentageForTheLiveView() throws Exception {
        Path source = TestSources.movAac(Files.createDirectories(tmp.resolve("inbox")));
        JobStore jobs = new FileJobStore(tmp.resolve("state"), Clock.systemUTC());
        Job job = jobs.create(source, Files.size(source), "sha",
                new FileInstructions("local", "Convert to MP4 at 480p", "default", Path.of(""))).orElseThrow();

        try (FfmpegProcesses processes = new FfmpegProcesses()) {
            LocalConverter converter = new LocalConverter(TestSources.ffmpeg(), LocalTiming.defaults(), processes);
            Outbox outbox = new Outbox(tmp.resolve("outbox"), tmp.resolve("archive"), jobs, null,
                    new Originals(jobs, MemoryIdempotentRepository.memoryIdempotentRepository()));
            new LocalSteps(() -> converter, jobs, outbox, 1, null).convert(job);
        }

        assertThat(job.getStage()).isEqualTo(Stage.OUTPUT_READY);
        assertThat(job.getProgress()).isEqualTo(100);
    }
}
