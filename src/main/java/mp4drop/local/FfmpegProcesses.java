package mp4drop.local;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FFmpeg children that are running now. A child outlives a JVM that dies or is stopped, and would go on
 * burning both cores, so everything started is registered here and {@link #killAll()} ends them: call it (or
 * {@link #close()}) when Camel shuts down, or create the registry with {@link #withShutdownHook()}.
 */
public final class FfmpegProcesses implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegProcesses.class);

    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A registry whose children are also killed when the JVM exits (Ctrl-C, SIGTERM). */
    public static FfmpegProcesses withShutdownHook() {
        FfmpegProcesses processes = new FfmpegProcesses();
        Runtime.getRuntime().addShutdownHook(new Thread(processes::killAll, "mp4drop-ffmpeg-killer"));
        return processes;
    }

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
