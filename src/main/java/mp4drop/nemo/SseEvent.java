package mp4drop.nemo;

/**
 * One server-sent event.
 *
 * @param data      the joined {@code data:} lines ("" when there were none)
 * @param heartbeat true for a keep-alive: only comments, or no or empty data
 */
public record SseEvent(String data, boolean heartbeat) {
}
