package mp4drop.cloud;

import java.time.Duration;
import mp4drop.job.Job;
import mp4drop.job.JobStore;
import mp4drop.nemo.OutOfCreditsException;
import mp4drop.nemo.RateLimitedException;
import mp4drop.nemo.SessionLostException;
import mp4drop.nemo.TokenRejectedException;
import mp4drop.nemo.TransientApiException;
import mp4drop.report.HumanReadable;
import mp4drop.run.StopSpending;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the cloud steps do when the API fails them: retry network and server errors with backoff, wait and
 * retry once on 429, start over with a new session once on 1002, stop spending on 2001 or a refused token.
 * Hand-written rather than Camel's redelivery, because the counters are saved in the job record and must
 * survive a restart.
 */
final class CloudRetries {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");

    private final JobStore jobs;
    private final CloudTimings timings;

    CloudRetries(JobStore jobs, CloudTimings timings) {
        this.jobs = jobs;
        this.timings = timings;
    }

    interface Step {
        void run() throws Exception;
    }

    /** Runs a step; an error that may pass makes the job wait for another try, any other goes up. */
    void guarded(Pass pass, Step step) {
        try {
            step.run();
        } catch (TransientApiException e) {
            retryLater(pass, e);
        } catch (RateLimitedException e) {
            rateLimited(pass, e);
        } catch (SessionLostException e) {
            restartSession(pass, e);
        } catch (RuntimeException e) {
            throw mapped(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Out of credits and a refused token stop all cloud spending; every other error is the file's own. */
    static RuntimeException mapped(RuntimeException e) {
        if (e instanceof OutOfCreditsException credits) {
            return StopSpending.outOfCredits(credits.getMessage() + ". " + credits.hint(), credits);
        }
        if (e instanceof TokenRejectedException rejected) {
            return StopSpending.tokenRejected(rejected.getMessage() + ". " + rejected.hint(), rejected);
        }
        return e;
    }

    /** A 429 is refused before anything is done: wait as long as the API asks, then try once more. */
    void rateLimited(Pass pass, RateLimitedException e) {
        Job job = pass.job();
        if (job.getRateLimitRetries() >= 1) {
            throw e;
        }
        job.rateLimitRetried();
        pass.waitUntil(jobs.now().plus(e.retryAfter()));
        jobs.save(job);
        LOG.warn("{}: rate limited at {}; trying once more in {}", job.getName(), e.stage(),
                HumanReadable.duration(e.retryAfter()));
    }

    private void retryLater(Pass pass, TransientApiException e) {
        Job job = pass.job();
        job.transientErrorRetried();
        if (job.getTransientErrors() > timings.maxTransientRetries()) {
            throw e;
        }
        Duration delay = timings.retryDelay(job.getTransientErrors());
        pass.waitUntil(jobs.now().plus(delay));
        jobs.save(job);
        LOG.warn("{}: {} failed ({}); retry {} of {} in {}", job.getName(), e.stage(), e.getMessage(),
                job.getTransientErrors(), timings.maxTransientRetries(), HumanReadable.duration(delay));
    }

    /** Code 1002: the session is gone, so the job starts over from the upload, once. */
    private void restartSession(Pass pass, SessionLostException e) {
        Job job = pass.job();
        if (job.getSessionRestarts() >= 1) {
            throw e;
        }
        LOG.warn("{}: the cloud lost session {}; starting over with a new session", job.getName(), job.getSessionId());
        job.sessionLost();
        pass.waitUntil(jobs.now());
        jobs.save(job);
    }
}
