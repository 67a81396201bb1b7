package mp4drop.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wrong tokens slowed down per client address: the first few are free (a typo), then each one locks the
 * address out for twice as long as the last, up to {@link #LONGEST}. While locked out, no token is even
 * looked at, the right one included. A right token forgives the address.
 */
final class LoginThrottle {
    private static final int FREE_TRIES = 5;
    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration LONGEST = Duration.ofMinutes(15);
    // enough for every address of a home or office network, small enough that a flood cannot fill the heap
    private static final int MOST_ADDRESSES = 10_000;

    private record Failures(int count, Instant lockedUntil, Instant last) {
    }

    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the address must still wait; empty when it may try. */
    Optional<Duration> lockedOut(String address) {
        Failures failures = byAddress.get(address);
        Instant now = clock.instant();
        if (failures == null || !failures.lockedUntil().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, failures.lockedUntil()));
    }

    void failed(String address) {
        Instant now = clock.instant();
        if (byAddress.size() >= MOST_ADDRESSES) {
            byAddress.values().removeIf(old -> old.last().plus(LONGEST).isBefore(now));
        }
        byAddress.compute(address, (key, before) -> {
            int count = before == null ? 1 : before.count() + 1;
            Instant until = count <= FREE_TRIES ? now : now.plus(lockOut(count - FREE_TRIES));
            return new Failures(count, until, now);
        });
    }

    void succeeded(String address) {
        byAddress.remove(address);
    }

    private static Duration lockOut(int beyondFree) {
        Duration wait = FIRST.multipliedBy(1L << Math.min(beyondFree - 1, 20));
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
