package mp4drop.nemo;

/** The session is gone (1002): the job has to start again from the upload with a new session. */
public class SessionLostException extends NemoApiException {
    public SessionLostException(String stage, String message, String hint, int httpStatus) {
        super(stage, "1002", message, hint, 1002, httpStatus, null);
    }
}
