package mp4drop.nemo;

import java.util.List;
import mp4drop.failure.ConversionFailure;

/**
 * A NemoVideo call failed. Subclasses say what the caller should do; this base type alone means "this file
 * fails, a person has to act" (unsupported type, file too large, export blocked by the plan, other codes).
 */
public class NemoApiException extends ConversionFailure {
    private final Integer apiCode;
    private final int httpStatus;

    public NemoApiException(String stage, String code, String message, String hint, Integer apiCode, int httpStatus,
            Throwable cause) {
        super(stage, code, message, hint, List.of(), cause);
        this.apiCode = apiCode;
        this.httpStatus = httpStatus;
    }

    /** The business code from the response body, or null when there was none. */
    public Integer apiCode() {
        return apiCode;
    }

    /** The HTTP status of the answer, or 0 when no answer arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** True when the same call may succeed later without anyone changing anything. */
    public boolean retryable() {
        return false;
    }
}
