package mp4drop.nemo;

/** The token was refused and cannot be replaced automatically: the run must stop. */
public class TokenRejectedException extends NemoApiException {
    public TokenRejectedException(String stage, String code, String message, String hint, Integer apiCode,
            int httpStatus) {
        super(stage, code, message, hint, apiCode, httpStatus, null);
    }
}
