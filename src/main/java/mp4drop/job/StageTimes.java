package mp4drop.job;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;

/** What every store does as it saves a job: the time of the save, and how long the stage it left took. */
public final class StageTimes {
    private StageTimes() {
    }

    public static void stamp(Job job, Instant now, BiConsumer<Stage, Duration> stageLeft) {
        job.saved(now, stageLeft);
    }
}
