package mp4drop.nemo;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ends a response that went quiet or ran too long. A reader blocked in {@code read()} cannot notice time
 * passing, so the watchdog cancels the response and closes its body from another thread. Its checks run on a
 * scheduler it is given: the thread belongs to whoever runs the client (Camel, or a standalone command).
 */
final class StreamWatchdog implements AutoCloseable {
    enum Expiry { IDLE, HARD }

    private final long idleNanos;
    private final long hardNanos;
    private final long started = System.nanoTime();
    private final Future<?> response;
    private final AtomicReference<InputStream> body = new AtomicReference<>();
    private final AtomicReference<Expiry> expired = new AtomicReference<>();
    private volatile ScheduledFuture<?> check;
    private volatile long lastActivity = started;

    /** @param hard null for no ceiling */
    StreamWatchdog(ScheduledExecutorService scheduler, Duration idle, Duration hard, Future<?> response) {
        this.idleNanos = idle.toNanos();
        this.hardNanos = hard == null ? Long.MAX_VALUE : hard.toNanos();
        this.response = response;
        long shortest = Math.min(idleNanos, hardNanos);
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(shortest / 10, TimeUnit.SECONDS.toNanos(1)));
        this.check = scheduler.scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
    }

    /** The body is being read now; if time already ran out, it is closed at once so the read cannot block. */
    void reading(InputStream in) {
        body.set(in);
        if (expiry() != null) {
            closeQuietly(in);
        }
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
            response.cancel(true);
            closeQuietly(body.get());
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing is only to release a blocked reader
            }
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
