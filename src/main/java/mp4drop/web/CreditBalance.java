package mp4drop.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The cloud credit balance for the page, asked of the API at most once per {@code maxAge}: the page polls
 * every second or two, the balance changes only when a render is charged. When it cannot be read the
 * last known balance stays.
 */
public final class CreditBalance {
    private final LongSupplier available;
    private final Duration maxAge;
    private final Clock clock;
    private Long known;
    private Instant readAt;

    public CreditBalance(LongSupplier available, Duration maxAge, Clock clock) {
        this.available = available;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public synchronized Optional<Long> read() {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(maxAge))) {
            readAt = now;
            try {
                known = available.getAsLong();
            } catch (RuntimeException unreachable) {
                // the API is away for a moment: the page keeps the last balance
            }
        }
        return Optional.ofNullable(known);
    }
}
