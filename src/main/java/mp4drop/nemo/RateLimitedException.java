package mp4drop.nemo;

import java.time.Duration;

/** NemoVideo asked us to slow down. The client does not wait: the caller parks the job and tries once more. */
public class RateLimitedException extends NemoApiException {
    private final Duration retryAfter;

    public RateLimitedException(String stage, String code, String message, String hint, Integer apiCode,
            int httpStatus, Duration retryAfter) {
        super(stage, code, message, hint, apiCode, httpStatus, null);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
