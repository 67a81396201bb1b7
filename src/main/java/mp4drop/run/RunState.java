package mp4drop.run;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import mp4drop.failure.ConversionFailure;
import mp4drop.job.Job;
import mp4drop.job.JobStore;
import mp4drop.job.Stage;
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
    private final boolean fallbackLocal;
    private final AtomicInteger converted = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger leftInInbox = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicReference<StopSpending> stopped = new AtomicReference<>();
    // the cloud cannot take files any more, but the local engine converts them: nothing is left in the inbox
    private final AtomicReference<StopSpending> cloudClosed = new AtomicReference<>();
    private volatile CreditBudget budget;

    /** @param fallbackLocal true when files the cloud cannot take are converted locally (mp4drop.engine.fallback) */
    public RunState(JobStore jobs, Mp4dropMetrics metrics, Webhook webhook, long creditsPerFile,
            boolean fallbackLocal) {
        this.jobs = jobs;
        this.fallbackLocal = fallbackLocal;
        this.metrics = metrics;
        this.webhook = webhook;
        this.creditsPerFile = creditsPerFile;
    }

    /**
     * Reads the balance before a batch of cloud files and says in the log how many it pays for; files past
     * that stay where they are, or go to the local engine when the fallback is on. When the balance cannot be
     * read the batch is not limited (the API's own "out of credits" answer still stops it).
     */
    public void startCreditBudget(int filesWaiting, LongSupplier availableCredits) {
        CreditBudget next = new CreditBudget(creditsPerFile, availableCredits, fallbackLocal);
        try {
            next.startBatch(filesWaiting);
            budget = next;
        } catch (RuntimeException e) {
            LOG.warn("Could not read the credit balance ({}); not limiting this batch", e.getMessage());
            budget = null;
        }
    }

    /**
     * The cloud route's first question, for a file whose instruction has not been sent: may the cloud still be
     * paid for it? Each file counts once against the credits read before the batch.
     *
     * @throws StopSpending when the run stopped spending, the cloud was closed for this run, or the credits
     *                      read before the batch are taken
     */
    public void mayStartCloudJob(@ExchangeProperty("job") Job job) {
        if (job.getStage().compareTo(Stage.INSTRUCTED) >= 0) {
            return;
        }
        StopSpending stop = stopped.get() != null ? stopped.get() : cloudClosed.get();
        if (stop != null) {
            throw stop;
        }
        CreditBudget current = budget;
        if (current != null && !job.isCreditsReserved() && !current.tryReserve()) {
            throw StopSpending.outOfCredits("the credits read before this batch are spent (about " + creditsPerFile
                    + " per file)" + (fallbackLocal ? "" : "; the remaining files wait for the next run"), null);
        }
        if (current != null && !job.isCreditsReserved()) {
            job.reserveCredits();
            jobs.save(job);
        }
    }

    /**
     * The local engine took a file over because the cloud cannot be paid or reached: later files go to the local
     * engine at once instead of asking the cloud again. Unlike {@link #leaveInInbox} this does not end the run.
     */
    public void closeCloud(StopSpending reason) {
        if (cloudClosed.compareAndSet(null, reason)) {
            LOG.warn("The cloud takes no more files in this run ({}); the local engine converts what it can",
                    reason.getMessage());
        }
    }

    public void converted(Job job) {
        converted.incrementAndGet();
        metrics.converted(job.getEngine(), job.getFallback());
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
        String name = job != null ? job.getName() : fileName;
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
                job.getName(), failure.code(), failure.getMessage());
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
