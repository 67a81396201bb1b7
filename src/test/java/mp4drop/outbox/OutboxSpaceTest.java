package mp4drop.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import mp4drop.CapturedLog;
import mp4drop.job.FileInstructions;
import mp4drop.job.FileJobStore;
import mp4drop.job.Job;
import mp4drop.job.JobStore;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxSpaceTest {
    private static final long MB = 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    void aJobThatDoesNotFitWaitsAndSaysSoOnceThenStartsWhenThereIsRoom() {
        JobStore jobs = new FileJobStore(tmp.resolve("state"), Clock.systemUTC());
        Job job = jobs.create(tmp.resolve("inbox/tape.avi"), 31 * MB, "sha",
                new FileInstructions("local", "Convert", "default", Path.of(""))).orElseThrow();
        AtomicLong free = new AtomicLong(12 * MB);
        OutboxSpace space = new OutboxSpace(tmp.resolve("outbox"), folder -> free.get(), jobs, Duration.ofSeconds(10));

        try (CapturedLog log = new CapturedLog()) {
            assertThat(space.mustWait(job, job.getSize())).isTrue();
            assertThat(job.getNextCheckAt()).isAfter(jobs.now().plusSeconds(5));
            assertThat(space.mustWait(job, job.getSize())).isTrue();

            assertThat(log.at(Level.WARN)).singleElement()
                    .extracting(event -> event.getMessage().getFormattedMessage())
                    .isEqualTo("tape.avi: waiting for room on the outbox disk (" + tmp.resolve("outbox") + "): "
                            + "12.0 MB free, about 31.0 MB needed; not started, looking again every 10.0 s");
        }
        free.set(40 * MB);
        assertThat(space.mustWait(job, job.getSize())).isFalse();
    }

    @Test
    void anUnknownSizeIsNeverWaitedFor() {
        OutboxSpace.requireRoom(tmp, -1);
        assertThatThrownBy(() -> OutboxSpace.requireRoom(tmp, Long.MAX_VALUE - 1))
                .isInstanceOf(OutboxSpace.NoRoom.class);
    }
}
