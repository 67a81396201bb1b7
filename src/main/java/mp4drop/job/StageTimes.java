package mp4drop.job;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;

/** What every store does as it saves a job: the time of the save, and how long the stage it left took. */
public final class StageTimes {
    private StageTimes() {
    }

    public static void stamp(Job job, Instant now, BiConsumer<Stage, Duration> stageLeft) {
        job.updatedAt = now;
        if (job.stage != job.timedStage) {
            if (job.timedStage != null && job.timedSince != null) {
                stageLeft.accept(job.timedStage, Duration.between(job.timedSince, job.updatedAt));
            }
            job.timedStage = job.stage;
            job.timedSince = job.updatedAt;
        }
    }
}
