package mp4drop.web;

import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The body of a request as it arrives, read as a blocking stream: platform-http hands over the paused
 * Vert.x request (useBodyHandler=false), and this reads it chunk by chunk, pausing the sender while a few
 * chunks wait. Nothing is held beyond those chunks, whatever the size of the upload.
 */
final class RequestBody extends InputStream {
    private static final int HIGH_WATER = 32;
    private static final int LOW_WATER = 8;
    private static final Object END = new Object();

    private final HttpServerRequest request;
    private final UploadPace pace;
    private final long started;
    private final long deadline;
    private long windowStart;
    private long windowBytes;
    private final LinkedBlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
    private final Object flow = new Object();
    private boolean paused;
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    /** @param expectedSize the declared length, else the largest size taken: what the deadline is made for */
    RequestBody(HttpServerRequest request, UploadPace pace, long expectedSize) {
        this.request = request;
        this.pace = pace;
        this.started = System.nanoTime();
        this.windowStart = started;
        this.deadline = started + pace.deadline(expectedSize).toNanos();
        request.handler(buffer -> {
            chunks.add(buffer.getBytes());
            synchronized (flow) {
                if (!paused && chunks.size() >= HIGH_WATER) {
                    paused = true;
                    request.pause();
                }
            }
        });
        request.endHandler(done -> chunks.add(END));
        request.exceptionHandler(chunks::add);
        // a client that asked first (curl does for large files) sends the body only after this
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            request.response().writeContinue();
        }
        request.resume();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == current.length) {
            if (ended) {
                return -1;
            }
            next();
        }
        int count = Math.min(length, current.length - position);
        System.arraycopy(current, position, into, offset, count);
        position += count;
        return count;
    }

    private void next() throws IOException {
        Object chunk;
        long now = System.nanoTime();
        long wait = Math.min(windowStart + pace.window().toNanos(), deadline) - now;
        try {
            chunk = wait <= 0 ? null : chunks.poll(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokenOff("the upload was stopped", e);
        }
        if (chunk == null) {
            checkPace(pace.window().toNanos());
        }
        if (chunk == END) {
            ended = true;
            return;
        }
        if (chunk instanceof Throwable failure) {
            throw new BrokenOff(String.valueOf(failure.getMessage()), failure);
        }
        current = (byte[]) chunk;
        position = 0;
        windowBytes += current.length;
        checkPace(0);
        synchronized (flow) {
            if (paused && chunks.size() <= LOW_WATER) {
                paused = false;
                request.resume();
            }
        }
    }

    // at the end of each window: enough bytes in it, and the whole upload within its deadline
    private void checkPace(long atLeastNanos) throws TooSlow {
        long now = System.nanoTime();
        if (now - deadline >= 0) {
            throw new TooSlow("it took longer than " + Duration.ofNanos(now - started).toSeconds() + " s");
        }
        long windowNanos = pace.window().toNanos();
        if (Math.max(now - windowStart, atLeastNanos) < windowNanos) {
            return;
        }
        if (windowBytes < pace.minBytesPerWindow()) {
            throw new TooSlow(windowBytes + " bytes arrived in " + pace.window().toMillis() + " ms, less than "
                    + pace.minBytesPerSecond() + " bytes a second");
        }
        windowStart = now;
        windowBytes = 0;
    }

    /** The sender went away or stopped sending before the end of the body. */
    static class BrokenOff extends IOException {
        BrokenOff(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The sender sends too slowly, or not at all. */
    static final class TooSlow extends BrokenOff {
        TooSlow(String message) {
            super(message, null);
        }
    }
}
