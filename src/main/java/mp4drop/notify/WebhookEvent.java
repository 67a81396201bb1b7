package mp4drop.notify;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import mp4drop.job.Job;

/**
 * One message to the webhook: a file converted, failed, or recognised as already converted. Made only of
 * what a person may see in the outbox and the error files: never a token, never a CDN address. The route
 * routes/60-notify.camel.yaml posts it as JSON with these fields, in this order, nulls included.
 *
 * @param event  {@code converted}, {@code failed} or {@code duplicate}
 * @param output the MP4 (for a duplicate: the earlier one), null when there is none
 * @param engine "nemo" or "local", and why when the local engine took over: "local: NemoVideo is out of credits"
 */
public record WebhookEvent(String event, String file, String output, String engine, String code, String message,
        String hint, @JsonProperty("job_id") String jobId, Instant at) {

    public static WebhookEvent converted(Job job, Instant at) {
        return new WebhookEvent("converted", job.getName(), job.getOutput(), job.getEngineUsed(), null, null, null,
                job.getId(), at);
    }

    public static WebhookEvent duplicate(Job job, Instant at) {
        return new WebhookEvent("duplicate", job.getName(), job.getDuplicateOf(), job.getEngine(), null, null, null,
                job.getId(), at);
    }

    /** @param job null when the file failed before it had a job (an empty file, for example) */
    public static WebhookEvent failed(String file, Job job, String code, String message, String hint, Instant at) {
        return new WebhookEvent("failed", file, null, job == null ? null : job.getEngineUsed(), code, message, hint,
                job == null ? null : job.getId(), at);
    }
}
