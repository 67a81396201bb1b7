package mp4drop.job;

import java.time.Instant;

/** Hand-made job records for the tests. */
public final class Jobs {
    private static int next;

    private Jobs() {
    }

    public static Job job(String name, Stage stage) {
        Job job = new Job();
        job.id = String.format("20260110-020000-%08d", next++);
        job.name = name;
        job.source = "/inbox/" + name;
        job.stage = stage;
        job.engine = "nemo";
        job.createdAt = Instant.parse("2026-01-10T02:00:00Z");
        job.updatedAt = job.createdAt;
        return job;
    }

    public static Job rendering(String name, int progress) {
        Job job = job(name, Stage.RENDERING);
        job.progress = progress;
        return job;
    }

    public static Job failed(String name, String code, String message, String at) {
        Job job = job(name, Stage.FAILED);
        job.failureCode = code;
        job.failureMessage = message;
        job.updatedAt = Instant.parse(at);
        return job;
    }
}
