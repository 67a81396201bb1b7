package mp4drop.local;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FFmpeg children that are running now. A child outlives a JVM that dies or is stopped, and would go on
 * burning both cores, so everything started is registered here and {@link #killAll()} ends them. As a Camel
 * service it is stopped after the routes: an encode that ends within {@code camel.main.shutdown-timeout}
 * still reaches the outbox, and only what is left then is killed.
 */
public final class FfmpegProcesses extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegProcesses.class);
    private static final Duration WIND_DOWN = Duration.ofSeconds(10);

    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Kills every running child and refuses new ones; returns how many were killed. */
    public int killAll() {
        closed = true;
        int killed = 0;
        for (Process process : running) {
            if (process.isAlive()) {
                LOG.warn("Stopping FFmpeg (pid {}) because mp4drop is shutting down", process.pid());
                kill(process);
                killed++;
            }
        }
        return killed;
    }

    /**
     * Kills what the routes left running, then waits (briefly) until each killed run has been reaped and its
     * output drained: its step then only has its half-written file to remove, and the rest of the shutdown
     * does not race it.
     */
    @Override
    protected void doStop() throws InterruptedException {
        killAll();
        long deadline = System.nanoTime() + WIND_DOWN.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        killAll();
    }

    public boolean isClosed() {
        return closed;
    }

    public int runningCount() {
        return (int) running.stream().filter(Process::isAlive).count();
    }

    /** Registers first and checks afterwards, so a child started while killAll() runs cannot slip through. */
    void add(Process process) {
        running.add(process);
        if (closed) {
            kill(process);
        }
    }

    void remove(Process process) {
        running.remove(process);
    }

    /** Descendants first: a static ffmpeg spawns none today, but a wrapper script on mp4drop.ffmpeg might. */
    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
