package mp4drop.inbox;

import mp4drop.job.Job;
import mp4drop.job.JobStore;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/** Lets the job tick take a job again once the exchange working on it is over, however it ended. */
final class ReleaseClaim extends SynchronizationAdapter {
    private final JobStore jobs;
    private final Job job;

    ReleaseClaim(JobStore jobs, Job job) {
        this.jobs = jobs;
        this.job = job;
    }

    @Override
    public void onDone(Exchange exchange) {
        jobs.release(job);
    }
}
