package mp4drop.nemo;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ends a stream that went quiet or ran too long. A reader blocked in {@code read()} cannot notice time
 * passing, so the watchdog runs {@code onExpire} (which closes the stream) from another thread.
 */
final class StreamWatchdog implements AutoCloseable {
    enum Expiry { IDLE, HARD }

    private final long idleNanos;
    private final long hardNanos;
    private final long started = System.nanoTime();
    private final Runnable onExpire;
    private final AtomicReference<Expiry> expired = new AtomicReference<>();
    private volatile ScheduledFuture<?> check;
    private volatile long lastActivity = started;

    /** @param hard null for no ceiling */
    StreamWatchdog(ScheduledExecutorService scheduler, Duration idle, Duration hard, Runnable onExpire) {
        this.idleNanos = idle.toNanos();
        this.hardNanos = hard == null ? Long.MAX_VALUE : hard.toNanos();
        this.onExpire = onExpire;
        long shortest = Math.min(idleNanos, hardNanos);
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(shortest / 10, TimeUnit.SECONDS.toNanos(1)));
        this.check = scheduler.scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
    }

    /** Something that counts arrived: the idle clock starts again. */
    void activity() {
        lastActivity = System.nanoTime();
    }

    /** Why the stream was ended, or null when it was not. */
    Expiry expiry() {
        return expired.get();
    }

    private void check() {
        long now = System.nanoTime();
        Expiry why = now - started >= hardNanos ? Expiry.HARD : now - lastActivity >= idleNanos ? Expiry.IDLE : null;
        if (why != null && expired.compareAndSet(null, why)) {
            close();
            onExpire.run();
        }
    }

    @Override
    public void close() {
        ScheduledFuture<?> scheduled = check;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}
