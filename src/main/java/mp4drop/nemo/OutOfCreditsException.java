package mp4drop.nemo;

/** No credits left (2001): start no new cloud jobs. */
public class OutOfCreditsException extends NemoApiException {
    private final String registerUrl;

    public OutOfCreditsException(String stage, String message, String hint, int httpStatus, String registerUrl) {
        super(stage, "2001", message, hint, 2001, httpStatus, null);
        this.registerUrl = registerUrl;
    }

    /** Where the user registers (binding the anonymous user when its id is known) to get more credits. */
    public String registerUrl() {
        return registerUrl;
    }
}
