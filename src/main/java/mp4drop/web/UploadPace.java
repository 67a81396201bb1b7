package mp4drop.web;

import java.time.Duration;

/**
 * How fast an upload must arrive: at least {@code minBytesPerSecond} over every {@code window} (nothing at
 * all for a whole window is the slowest case), and all of it within the time that rate needs for its size
 * plus one window. An upload that sends nothing or trickles gives its thread back.
 */
record UploadPace(Duration window, long minBytesPerSecond) {

    long minBytesPerWindow() {
        return Math.max(1, minBytesPerSecond * window.toMillis() / 1000);
    }

    Duration deadline(long size) {
        return window.plusSeconds(size / minBytesPerSecond);
    }
}
