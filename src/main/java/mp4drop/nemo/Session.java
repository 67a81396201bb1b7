package mp4drop.nemo;

/** A new agent session; both ids are strings even when the server sends numbers. */
public record Session(String taskId, String sessionId) {
}
