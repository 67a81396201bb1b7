package mp4drop.run;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import mp4drop.job.JobStore;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.spi.ScheduledPollConsumerScheduler;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.service.ServiceSupport;

/**
 * When the job-tick route looks for due jobs: at the due time of the next waiting job, and at the latest one
 * tick (the route's delay) after the last look, for what this instance cannot know the time of (another
 * instance's new job, a lease that runs out). A job let go with an earlier due time brings the next look
 * forward. The job records stay the truth, and claiming stays the store's: this only decides when it is asked.
 * One thread from Camel's executor service manager serves every waiting job.
 */
public final class DueTimeScheduler extends ServiceSupport implements ScheduledPollConsumerScheduler {
    private final JobStore jobs;
    private CamelContext context;
    private Duration tick;
    private Runnable look;
    private ScheduledExecutorService executor;
    private ScheduledFuture<?> planned;
    private Instant plannedAt;

    public DueTimeScheduler(JobStore jobs) {
        this.jobs = jobs;
    }

    @Override
    public void setCamelContext(CamelContext context) {
        this.context = context;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    public void onInit(Consumer consumer) {
        ScheduledPollConsumer tickConsumer = (ScheduledPollConsumer) consumer;
        tick = Duration.ofMillis(tickConsumer.getTimeUnit().toMillis(tickConsumer.getDelay()));
    }

    @Override
    public void scheduleTask(Runnable task) {
        look = task;
    }

    @Override
    public synchronized void unscheduleTask() {
        if (planned != null) {
            planned.cancel(false);
            planned = null;
        }
    }

    @Override
    public void startScheduler() {
        synchronized (this) {
            executor = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "job-tick");
        }
        jobs.onReleased(this::jobLetGo);
        lookAt(jobs.now());
    }

    @Override
    public synchronized boolean isSchedulerStarted() {
        return executor != null && !executor.isShutdown();
    }

    @Override
    protected void doStop() {
        unscheduleTask();
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = executor;
            executor = null;
        }
        if (stopping != null) {
            context.getExecutorServiceManager().shutdownNow(stopping);
        }
    }

    private void jobLetGo() {
        Instant now = jobs.now();
        jobs.nextDue().ifPresent(due -> lookAt(due.isBefore(now) ? now : due));
    }

    /** Plans a look at {@code when}, unless one is planned already at or before it. */
    private synchronized void lookAt(Instant when) {
        if (executor == null || executor.isShutdown()) {
            return;
        }
        if (planned != null && !planned.isDone() && !plannedAt.isAfter(when)) {
            return;
        }
        unscheduleTask();
        plannedAt = when;
        long delay = Math.max(0, Duration.between(jobs.now(), when).toMillis());
        planned = executor.schedule(this::lookNow, delay, TimeUnit.MILLISECONDS);
    }

    private void lookNow() {
        synchronized (this) {
            planned = null;
        }
        Instant lookedAt = jobs.now();
        try {
            look.run();
        } finally {
            lookAt(nextLook(lookedAt));
        }
    }

    /**
     * The next due time (at once for a job that fell due while this look ran), or one tick from now. A job that
     * was due at the look and not claimed (this instance has no room, or another took it) waits for the tick or
     * for a job to be let go, never for a busy loop.
     */
    private Instant nextLook(Instant lookedAt) {
        Instant now = jobs.now();
        Instant latest = now.plus(tick);
        return jobs.nextDue().filter(due -> due.isAfter(lookedAt) && due.isBefore(latest))
                .map(due -> due.isBefore(now) ? now : due).orElse(latest);
    }
}
