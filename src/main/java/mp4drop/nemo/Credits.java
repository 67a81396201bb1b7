package mp4drop.nemo;

/** The credit balance. */
public record Credits(long available, long frozen, long total) {
}
