package mp4drop.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import mp4drop.job.JobStore;
import mp4drop.notify.Webhook;
import mp4drop.report.InboxListing;
import mp4drop.report.ProgressView;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when the run is over and with which exit code. Every run ends when the API refused the user's
 * token. A {@code --once} run also ends when the inbox holds nothing more to take, no job is waiting
 * for the cloud and nothing is in flight: pending renders are jobs, not exchanges, so idleness alone
 * would stop too early. A run that is over still waits, for a bounded time, until the webhook's messages
 * have gone out.
 */
public final class RunMonitor {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");
    private static final String OWN_ROUTE = "run-monitor";
    // far longer than a receiver that answers needs; a dead one must not hold the exit for long
    private static final Duration WEBHOOK_DRAIN = Duration.ofSeconds(30);
    // a look takes a millisecond or two; only a machine under heavy load makes it longer
    private static final Duration LAST_LOOK = Duration.ofMillis(200);

    private final boolean once;
    private final Path inbox;
    private final List<String> extensions;
    private final JobStore jobs;
    private final RunState run;
    private final Webhook webhook;
    private final CamelContext context;
    private final CompletableFuture<Integer> finished = new CompletableFuture<>();
    private int quietChecks;
    private Long drainDeadline;

    public RunMonitor(boolean once, Path inbox, List<String> extensions, JobStore jobs, RunState run,
            Webhook webhook, CamelContext context) {
        this.once = once;
        this.inbox = inbox;
        this.extensions = extensions;
        this.jobs = jobs;
        this.run = run;
        this.webhook = webhook;
        this.context = context;
    }

    /** Completes with the exit code when the run is over. */
    public CompletableFuture<Integer> finished() {
        return finished;
    }

    public void check() throws IOException {
        StopSpending stop = run.stopReason();
        if (stop != null && stop.haltNow()) {
            finish(stop.exitCode());
            return;
        }
        if (!once || finished.isDone()) {
            return;
        }
        int inflight = context.getInflightRepository().size() - context.getInflightRepository().size(OWN_ROUTE)
                - context.getInflightRepository().size(Webhook.ROUTE);
        // files kept for the next run stay in the inbox
        boolean inboxDone = run.spendingStopped() || waitingInInbox() <= run.leftInInboxCount();
        boolean quiet = inboxDone && inflight == 0 && jobs.unfinishedCount() == 0;
        quietChecks = quiet ? quietChecks + 1 : 0;
        if (quietChecks >= 2) {
            finish(exitCode(stop));
        }
    }

    private int exitCode(StopSpending stop) throws IOException {
        if (stop != null && waitingInInbox() > 0) {
            return stop.exitCode();
        }
        return run.failedCount() > 0 ? 1 : run.leftInInboxCount() > 0 ? 3 : 0;
    }

    private void finish(int code) {
        if (finished.isDone() || !webhookDrained()) {
            return;
        }
        if (finished.complete(code)) {
            LOG.info("Run finished: {} converted, {} already converted before, {} failed, {} left in the inbox "
                    + "(exit code {})", run.convertedCount(), run.duplicateCount(), run.failedCount(),
                    run.leftInInboxCount(), code);
        }
    }

    private boolean webhookDrained() {
        int unsent = webhook.pending();
        if (unsent == 0) {
            return true;
        }
        if (drainDeadline == null) {
            drainDeadline = System.nanoTime() + WEBHOOK_DRAIN.toNanos();
        }
        if (System.nanoTime() - drainDeadline < 0) {
            return false;
        }
        LOG.warn("Webhook: {} message(s) not sent within {}s; the run ends without them", unsent,
                WEBHOOK_DRAIN.toSeconds());
        return true;
    }

    /**
     * Waits, briefly, until the look that ended the run is over. Camel's graceful stop sleeps a whole second
     * whenever it finds an exchange still in flight, and that look's exchange is finishing as the stop begins.
     */
    public void awaitLastLook() throws InterruptedException {
        long deadline = System.nanoTime() + LAST_LOOK.toNanos();
        while (context.getInflightRepository().size(OWN_ROUTE) > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(1);
        }
    }

    /** The live view's block: the files in flight, and how far the run is. */
    public List<String> progress(ProgressView view) {
        int done = run.convertedCount() + run.duplicateCount();
        long waiting;
        try {
            waiting = Math.max(0, waitingInInbox() - jobs.unfinishedCount());
        } catch (IOException unreadable) {
            waiting = 0;
        }
        int total = done + run.failedCount() + jobs.unfinishedCount() + (int) waiting;
        return view.lines(jobs.unfinished(), done, run.failedCount(), total);
    }

    /** Files the inbox would still take. */
    private long waitingInInbox() throws IOException {
        return InboxListing.videos(inbox, extensions).size();
    }
}
