package mp4drop.nemo;

/**
 * A temporary failure (5xx, network, timeout, an empty or garbled answer). The client never retries by
 * itself: idempotent GETs are retried by the caller with backoff, and an instruction is never re-sent.
 */
public class TransientApiException extends NemoApiException {
    public TransientApiException(String stage, String code, String message, String hint, Integer apiCode,
            int httpStatus, Throwable cause) {
        super(stage, code, message, hint, apiCode, httpStatus, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
