package mp4drop.web;

import java.util.OptionalLong;

/**
 * A request the web page answers with an error status and a sentence for the person who sent it: a bad
 * name, a file too large, no token. Expected, so it is never logged with a stack trace.
 */
public class WebRefusal extends RuntimeException {
    private final int status;
    private final OptionalLong retryAfterSeconds;

    public WebRefusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = OptionalLong.empty();
    }

    /** A refusal that ends by itself: the answer says after how many seconds to ask again (Retry-After). */
    public WebRefusal(int status, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = OptionalLong.of(retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
