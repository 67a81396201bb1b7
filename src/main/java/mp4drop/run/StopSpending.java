package mp4drop.run;

/**
 * The run must start nothing more in the cloud (no credits left, or the API refused the user's token).
 * The file at hand was not converted and nothing was charged for it, so it stays in the inbox.
 */
public final class StopSpending extends RuntimeException {
    private final int exitCode;
    private final boolean haltNow;

    private StopSpending(String message, int exitCode, boolean haltNow, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.haltNow = haltNow;
    }

    /** Out of credits: renders already under way finish, new files stay in the inbox (exit code 3). */
    public static StopSpending outOfCredits(String message, Throwable cause) {
        return new StopSpending(message, 3, false, cause);
    }

    /** The person's own token was refused: nothing can work until they fix it (exit code 2). */
    public static StopSpending tokenRejected(String message, Throwable cause) {
        return new StopSpending(message, 2, true, cause);
    }

    public int exitCode() {
        return exitCode;
    }

    public boolean haltNow() {
        return haltNow;
    }
}
