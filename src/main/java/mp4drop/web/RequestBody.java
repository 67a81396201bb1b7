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
    private final Duration idleLimit;
    private final LinkedBlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
    private final Object flow = new Object();
    private boolean paused;
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    RequestBody(HttpServerRequest request, Duration idleLimit) {
        this.request = request;
        this.idleLimit = idleLimit;
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
        try {
            chunk = chunks.poll(idleLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokenOff("the upload was stopped", e);
        }
        if (chunk == null) {
            throw new BrokenOff("nothing arrived for " + idleLimit.toSeconds() + " s", null);
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
        synchronized (flow) {
            if (paused && chunks.size() <= LOW_WATER) {
                paused = false;
                request.resume();
            }
        }
    }

    /** The sender went away or stopped sending before the end of the body. */
    static final class BrokenOff extends IOException {
        BrokenOff(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
