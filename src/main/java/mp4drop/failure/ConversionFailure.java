package mp4drop.failure;

import java.util.List;

/**
 * A file could not be converted for a reason a person can act on. The dead-letter route turns it into
 * {@code <name>.error.json}: stage, code, message and hint come from here, so they must never hold a token.
 */
public class ConversionFailure extends RuntimeException {
    /** The error file beside a failed original: {@code <name>.error.json}. */
    public static final String ERROR_FILE_SUFFIX = ".error.json";

    private final String stage;
    private final String code;
    private final String hint;
    private final List<String> details;

    public ConversionFailure(String stage, String code, String message, String hint) {
        this(stage, code, message, hint, List.of(), null);
    }

    public ConversionFailure(String stage, String code, String message, String hint, List<String> details,
            Throwable cause) {
        super(message, cause);
        this.stage = stage;
        this.code = code;
        this.hint = hint;
        this.details = List.copyOf(details);
    }

    /** Where in the flow it happened: inbox, auth, session, upload, instruct, export, render, download, local. */
    public String stage() {
        return stage;
    }

    /** An API code ("2001"), an HTTP status ("http-402") or a local code ("empty-file"). */
    public String code() {
        return code;
    }

    public String hint() {
        return hint;
    }

    /** Extra lines a person may need, such as the last lines FFmpeg printed. */
    public List<String> details() {
        return details;
    }
}
