package mp4drop.report;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import mp4drop.job.JobStore;
import mp4drop.job.Stage;

/**
 * mp4drop's own meters, published with Camel's at /observe/metrics: files converted and failed (by
 * reason), how long jobs spend in each stage, and how many renders are pending.
 */
public final class Mp4dropMetrics {
    // Camel makes its Prometheus registry only while it starts: meters made before then are kept here and
    // published through it as soon as it is added.
    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();

    public Mp4dropMetrics(JobStore jobs) {
        Gauge.builder("mp4drop.renders.pending", jobs, store -> store.unfinished().stream()
                        .filter(job -> job.getStage() == Stage.RENDERING || job.getStage() == Stage.RENDERED).count())
                .description("Cloud renders submitted and not yet downloaded")
                .register(registry);
        Gauge.builder("mp4drop.jobs.unfinished", jobs, JobStore::unfinishedCount)
                .description("Files taken from the inbox and not yet in the outbox or failed")
                .register(registry);
        jobs.onStageLeft(this::stageTook);
    }

    public void publishTo(MeterRegistry camelRegistry) {
        registry.add(camelRegistry);
    }

    /** @param fallback why the local engine took the file over from the cloud; null when it did not */
    public void converted(String engine, String fallback) {
        Counter.builder("mp4drop.files.converted").tag("engine", engine)
                .tag("fallback", fallback == null ? "none" : fallback)
                .description("Files whose MP4 reached the outbox, by engine and why the local engine took over")
                .register(registry).increment();
    }

    public void failed(String stage, String code) {
        Counter.builder("mp4drop.files.failed").tag("stage", stage).tag("code", code)
                .description("Files moved to the failed folder, by stage and code").register(registry).increment();
    }

    private void stageTook(Stage stage, Duration duration) {
        Timer.builder("mp4drop.stage.duration").tag("stage", stage.name().toLowerCase())
                .description("Time jobs spent in each stage").register(registry).record(duration);
    }
}
