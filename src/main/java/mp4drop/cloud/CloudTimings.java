package mp4drop.cloud;

import java.time.Duration;

/** How long the cloud steps wait between looks, and how many looks they allow. */
public record CloudTimings(
        Duration firstDraftCheck,
        Duration draftCheckInterval,
        int maxUnchangedDraftChecks,
        Duration renderPollInterval,
        int maxRenderPolls,
        int maxRenderSubmissions,
        int maxTransientRetries,
        Duration firstRetryDelay,
        Duration maxRetryDelay) {

    /** Backoff for the n-th retry after a network or server error: doubling, capped. */
    public Duration retryDelay(int retry) {
        long millis = firstRetryDelay.toMillis() << Math.min(20, Math.max(0, retry - 1));
        return Duration.ofMillis(Math.min(millis, maxRetryDelay.toMillis()));
    }
}
