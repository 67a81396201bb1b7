package mp4drop.local;

import java.time.Duration;

/**
 * How long FFmpeg may run before it is considered stuck: {@code max(minimum, factor × source duration)}. A slow
 * 1080p encode on two cores runs a few times slower than real time, so the default factor leaves ample room while
 * still catching a hung process.
 *
 * @param timeLimitFactor  seconds of run time allowed per second of video
 * @param minimumTimeLimit floor for short clips, which pay FFmpeg's start-up cost regardless of length
 */
public record LocalTiming(double timeLimitFactor, Duration minimumTimeLimit) {
    public static final double DEFAULT_FACTOR = 30;
    public static final Duration DEFAULT_MINIMUM = Duration.ofMinutes(2);

    public LocalTiming {
        if (timeLimitFactor <= 0 || minimumTimeLimit.isNegative() || minimumTimeLimit.isZero()) {
            throw new IllegalArgumentException("time limits must be positive: factor " + timeLimitFactor
                    + ", minimum " + minimumTimeLimit);
        }
    }

    public static LocalTiming defaults() {
        return new LocalTiming(DEFAULT_FACTOR, DEFAULT_MINIMUM);
    }

    public Duration limitFor(double sourceSeconds) {
        Duration proportional = Duration.ofMillis(Math.round(timeLimitFactor * sourceSeconds * 1000));
        return proportional.compareTo(minimumTimeLimit) > 0 ? proportional : minimumTimeLimit;
    }
}
