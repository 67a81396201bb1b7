package mp4drop.run;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mp4drop.job.Job;
import mp4drop.job.JobStore;
import mp4drop.observe.Mp4dropMetrics;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What this run has done so far, and whether it may still start cloud work. */
public final class RunState {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");

    private final JobStore jobs;
    private final Mp4dropMetrics metrics;
    private final AtomicInteger converted = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger leftInInbox = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicReference<StopSpending> stopped = new AtomicReference<>();

    public RunState(JobStore jobs, Mp4dropMetrics metrics) {
        this.jobs = jobs;
        this.metrics = metrics;
    }

    public void converted(String engine) {
        converted.incrementAndGet();
        metrics.converted(engine);
    }

    public void duplicate() {
        duplicates.incrementAndGet();
    }

    public void failed(String stage, String code) {
        failed.incrementAndGet();
        metrics.failed(stage, code);
    }

    /** The failure policy's answer to {@link StopSpending}: the file stays where it is, its job is dropped. */
    public void leaveInInbox(Exchange exchange) {
        StopSpending reason = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, StopSpending.class);
        if (stopped.compareAndSet(null, reason)) {
            LOG.warn("Stopping cloud work: {}", reason.getMessage());
        }
        Job job = exchange.getProperty("job", Job.class);
        String name = job != null ? job.name : exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        if (job != null) {
            jobs.forget(job);
        }
        leftInInbox.incrementAndGet();
        LOG.info("{}: left in the inbox, not converted", name);
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

    public int failedCount() {
        return failed.get();
    }

    public int duplicateCount() {
        return duplicates.get();
    }

    public int leftInInboxCount() {
        return leftInInbox.get();
    }
}
