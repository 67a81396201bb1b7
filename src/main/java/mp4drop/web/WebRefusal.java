package mp4drop.web;

/**
 * A request the web page answers with an error status and a sentence for the person who sent it: a bad
 * name, a file too large, no token. Expected, so it is never logged with a stack trace.
 */
public class WebRefusal extends RuntimeException {
    private final int status;

    public WebRefusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
