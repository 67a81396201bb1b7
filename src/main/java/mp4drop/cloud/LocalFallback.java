package mp4drop.cloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mp4drop.failure.ConversionFailure;
import mp4drop.job.Job;
import mp4drop.job.JobStore;
import mp4drop.job.Stage;
import mp4drop.local.LocalInstruction;
import mp4drop.nemo.NemoApiException;
import mp4drop.nemo.OutOfCreditsException;
import mp4drop.nemo.TokenRejectedException;
import mp4drop.nemo.TransientApiException;
import mp4drop.run.RunState;
import mp4drop.run.StopSpending;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local engine takes a file over when the cloud cannot take it (out of credits, the credits read before the
 * batch taken, an export refused by the plan, a refused token, the API unreachable after its retries, a render
 * that failed its check twice, a file too large for it or in a container it refuses that no stream copy fixes)
 * and the file asks for a plain conversion the local engine understands
 * (mp4drop.engine.fallback=local). Any other file keeps the cloud's answer: it stays in the inbox or fails.
 * routes/10-inbox.camel.yaml catches the cloud route's error only when {@link #appliesToError} says so, then calls
 * {@link #toLocal}.
 */
public final class LocalFallback {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");

    private final boolean enabled;
    private final JobStore jobs;
    private final RunState run;

    public LocalFallback(boolean enabled, JobStore jobs, RunState run) {
        this.enabled = enabled;
        this.jobs = jobs;
        this.run = run;
    }

    /** Why the cloud could not take a file: a short code for the metrics and the reason in words. */
    record Reason(String code, String text) {
    }

    /**
     * The route's {@code onWhen}: {@link #applies} asked about the error the route is deciding whether to catch. A
     * bean call there would not see it: Camel hands the bean a copy of the exchange without its error.
     */
    public Predicate appliesToError() {
        return exchange -> applies(exchange.getException(), exchange.getProperty("job", Job.class));
    }

    /** True when the error says the cloud cannot take the job's file and the local engine can convert it. */
    boolean applies(Exception cause, Job job) {
        return enabled && job != null && !job.finished() && reasonFor(cause) != null
                && LocalInstruction.understands(job.getInstruction());
    }

    /**
     * Records the job as the local engine's before it converts anything, so that a restart resumes it locally
     * and never goes back to the cloud for it. A render already downloaded is deleted.
     */
    public void toLocal(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause, @ExchangeProperty("job") Job job)
            throws IOException {
        Reason reason = reasonFor(cause);
        // a refusal to spend (2001, a refused token) means this instruction was not charged
        boolean paidFor = job.getStage().compareTo(Stage.INSTRUCTED) >= 0 && !(cause instanceof StopSpending);
        if (job.getTempOutput() != null) {
            Files.deleteIfExists(Path.of(job.getTempOutput()));
        }
        job.fellBack(reason.code(), reason.text());
        job.parkUntil(jobs.now());
        jobs.save(job);
        if (cause instanceof StopSpending stop) {
            run.closeCloud(stop);
        }
        if (paidFor) {
            LOG.warn("{}: the cloud cannot deliver it ({}); its instruction was already sent and the credits for it "
                    + "are spent; converting it locally from the original", job.getName(), reason.text());
        } else {
            // a stop's own message speaks of stopping the run, which the fallback does not do
            LOG.info("{}: converting locally instead: {}{}", job.getName(), reason.text(),
                    cause instanceof StopSpending ? "" : " (" + cause.getMessage().replaceFirst("\\.$", "") + ")");
        }
    }

    /** Null when the error is the file's own (or a limit the local engine would not help with). */
    static Reason reasonFor(Throwable error) {
        if (error instanceof StopSpending stop) {
            if (stop.getCause() instanceof TokenRejectedException) {
                return new Reason("token-rejected", "NemoVideo refused the token");
            }
            if (stop.getCause() instanceof OutOfCreditsException) {
                return new Reason("out-of-credits", "NemoVideo is out of credits");
            }
            return new Reason("credit-estimate", "the credits read before this batch do not cover it");
        }
        if (error instanceof TransientApiException unreachable && !"download".equals(unreachable.stage())) {
            return new Reason("api-unreachable", "the NemoVideo API did not answer after its retries");
        }
        if (error instanceof NemoApiException refused
                && (refused.httpStatus() == 402 || Integer.valueOf(402).equals(refused.apiCode()))) {
            return new Reason("export-refused", "NemoVideo's plan refused the export (402)");
        }
        if (error instanceof NotForCloud refused) {
            return CloudFit.TOO_LARGE.equals(refused.code())
                    ? new Reason(CloudFit.TOO_LARGE, "the file is larger than NemoVideo takes")
                    : new Reason(CloudFit.WRONG_FORMAT, "NemoVideo does not take its format");
        }
        if (error instanceof ConversionFailure failure && "bad-render".equals(failure.code())) {
            return new Reason("bad-render", "the cloud's render failed its check twice");
        }
        return null;
    }
}
