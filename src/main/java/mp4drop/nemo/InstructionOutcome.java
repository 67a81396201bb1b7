package mp4drop.nemo;

/**
 * What one instruction turn produced. A stream that dropped or timed out is an outcome, not an error:
 * the work may go on server-side, so the caller reads the state and never sends the instruction again.
 *
 * @param text   the agent's user-facing words on one line ("" for a silent turn, which is normal)
 * @param events how many non-heartbeat events arrived
 * @param ending how the stream ended
 */
public record InstructionOutcome(String text, int events, Ending ending) {

    public enum Ending {
        /** The server closed the stream: the turn is over. */
        CLOSED,
        /** The connection broke mid-stream. */
        DROPPED,
        /** Nothing but heartbeats for the idle timeout. */
        IDLE_TIMEOUT,
        /** The hard ceiling passed. */
        HARD_TIMEOUT
    }

    public boolean hasText() {
        return !text.isEmpty();
    }
}
