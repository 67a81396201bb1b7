package mp4drop.local;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FFmpeg children that are running now. A child outlives a JVM that dies or is stopped, and would go on
 * burning both cores, so everything started is registered here and {@link #killAll()} ends them. As a Camel
 * service it is stopped after the routes: an encode that ends within {@code camel.main.shutdown-timeout}
 * still reaches the outbox, and only what is left then is killed.
 */
public final class FfmpegProcesses extends ServiceSupport implements CamelContextAware {
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegProcesses.class);
    private static final Duration WIND_DOWN = Duration.ofSeconds(10);
    private static final Duration SIGNAL_TO_STOP = Duration.ofSeconds(2);

    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile CamelContext camelContext;

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

    /**
     * Whether a child that failed was ended by mp4drop stopping: killed here, or by a signal while Camel stops.
     * A child that died of a signal has usually heard the same Ctrl-C or SIGTERM as mp4drop (it shares the
     * terminal, or the service's process group), often a moment before Camel begins to stop, so it is given
     * that moment. Any other signal (the OOM killer, a stray kill) is not a stop.
     */
    boolean stoppedWithMp4drop(boolean endedBySignal) throws InterruptedException {
        if (closed || !endedBySignal) {
            return closed;
        }
        long deadline = System.nanoTime() + SIGNAL_TO_STOP.toNanos();
        while (!closed && !camelStopping()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private boolean camelStopping() {
        CamelContext context = camelContext;
        return context != null && (context.isStopping() || context.isStopped());
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
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
