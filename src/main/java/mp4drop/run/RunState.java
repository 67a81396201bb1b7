package mp4drop.run;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import mp4drop.failure.ConversionFailure;
import mp4drop.job.Job;
import mp4drop.job.JobStore;
import mp4drop.notify.Webhook;
import mp4drop.notify.WebhookEvent;
import mp4drop.report.Mp4dropMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this run has done so far, and whether it may still start cloud work. Every file's outcome passes
 * through here once, so counts, metrics and the webhook all tell the same story.
 */
public final class RunState {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");

    private final JobStore jobs;
    private final Mp4dropMetrics metrics;
    private final Webhook webhook;
    private final long creditsPerFile;
    private final AtomicInteger converted = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger leftInInbox = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicReference<StopSpending> stopped = new AtomicReference<>();
    private volatile CreditBudget budget;

    public RunState(JobStore jobs, Mp4dropMetrics metrics, Webhook webhook, long creditsPerFile) {
        this.jobs = jobs;
        this.metrics = metrics;
        this.webhook = webhook;
        this.creditsPerFile = creditsPerFile;
    }

    /**
     * Reads the balance before a batch of cloud files and says in the log how many it pays for; files past
     * that stay where they are. When the balance cannot be read the batch is not limited (the API's own
     * "out of credits" answer still stops it).
     */
    public void startCreditBudget(int filesWaiting, LongSupplier availableCredits) {
        CreditBudget next = new CreditBudget(creditsPerFile, availableCredits);
        try {
            next.startBatch(filesWaiting);
            budget = next;
        } catch (RuntimeException e) {
            LOG.warn("Could not read the credit balance ({}); not limiting this batch", e.getMessage());
            budget = null;
        }
    }

    /** Throws {@link StopSpending} when no new cloud job may start. */
    public void mayStartCloudJob() {
        StopSpending stop = stopped.get();
        if (stop != null) {
            throw stop;
        }
        CreditBudget current = budget;
        if (current != null && !current.tryReserve()) {
            throw StopSpending.outOfCredits("the credits read before this batch are spent (about " + creditsPerFile
                    + " per file); the remaining files wait for the next run", null);
        }
    }

    public void converted(Job job) {
        converted.incrementAndGet();
        metrics.converted(job.engine);
        webhook.send(WebhookEvent.converted(job, Instant.now()));
    }

    public void duplicate(Job job) {
        duplicates.incrementAndGet();
        webhook.send(WebhookEvent.duplicate(job, Instant.now()));
    }

    public void failed(String file, Job job, ConversionFailure failure) {
        failed.incrementAndGet();
        metrics.failed(failure.stage(), failure.code());
        webhook.send(WebhookEvent.failed(file, job, failure.code(), failure.getMessage(), failure.hint(),
                Instant.now()));
    }

    /**
     * The failure policy's answer to {@link StopSpending}: the file stays where it is, its job is dropped.
     *
     * @param job null when the file was stopped before it became a job
     */
    public void leaveInInbox(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) StopSpending reason,
            @ExchangeProperty("job") Job job, @Header(Exchange.FILE_NAME_ONLY) String fileName) {
        if (stopped.compareAndSet(null, reason)) {
            LOG.warn("Stopping cloud work: {}", reason.getMessage());
        }
        String name = job != null ? job.name : fileName;
        if (job != null) {
            jobs.forget(job);
        }
        leftInInbox.incrementAndGet();
        LOG.info("{}: left in the inbox, not converted", name);
    }

    /**
     * The failure policy's answer to a write error in the outbox: the original stays in the inbox, and
     * its job is kept on record but set aside for this run, so the next run resumes it where it stood (a
     * render already paid for is downloaded, not made again).
     */
    public void keepForNextRun(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) ConversionFailure failure,
            @ExchangeProperty("job") Job job) {
        jobs.setAside(job);
        leftInInbox.incrementAndGet();
        LOG.warn("{}: not converted [{}]: {} The original stays in the inbox and is tried again on the next run.",
                job.name, failure.code(), failure.getMessage());
    }

    public boolean spendingStopped() {
        return stopped.get() != null;
    }

    public StopSpending stopReason() {
        return stopped.get();
    }

    public int convertedCount() {
        return converted.get();
    }

    public int duplicateCount() {
        return duplicates.get();
    }

    public int failedCount() {
        return failed.get();
    }

    public int leftInInboxCount() {
        return leftInInbox.get();
    }
}
