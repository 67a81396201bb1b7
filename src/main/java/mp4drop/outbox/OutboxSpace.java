package mp4drop.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import mp4drop.job.Job;
import mp4drop.job.JobStore;
import mp4drop.report.HumanReadable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Room on the outbox's disk. An encode or a download that cannot fit is not started: its job waits and
 * looks again later, holding no thread, so a full disk delays files instead of failing them.
 */
public final class OutboxSpace {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");

    private final Path folder;
    private final ToLongFunction<Path> usableSpace;
    private final JobStore jobs;
    private final Duration recheck;
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    public OutboxSpace(Path folder, JobStore jobs, Duration recheck) {
        this(folder, OutboxSpace::usableSpace, jobs, recheck);
    }

    OutboxSpace(Path folder, ToLongFunction<Path> usableSpace, JobStore jobs, Duration recheck) {
        this.folder = folder;
        this.usableSpace = usableSpace;
        this.jobs = jobs;
        this.recheck = recheck;
    }

    /** The bytes this user may still write on the disk of {@code folder}; unlimited when it cannot be read. */
    public static long usableSpace(Path folder) {
        try {
            return Files.getFileStore(folder).getUsableSpace();
        } catch (IOException unknown) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Throws {@link NoRoom} when {@code expectedBytes} (negative: unknown) do not fit in {@code folder}
     * now; for a writer that learns the size only once it has begun, like a download.
     */
    public static void requireRoom(Path folder, long expectedBytes) {
        requireRoom(folder, expectedBytes, usableSpace(folder));
    }

    private static void requireRoom(Path folder, long expectedBytes, long free) {
        if (expectedBytes > free) {
            throw new NoRoom(folder, free, expectedBytes);
        }
    }

    /**
     * True when {@code expectedBytes} do not fit now: the job waits (its due time moves on) and is recorded, and the log says so
     * once per job.
     */
    public boolean mustWait(Job job, long expectedBytes) {
        try {
            requireRoom(folder, expectedBytes, usableSpace.applyAsLong(folder));
            waiting.remove(job.getId());
            return false;
        } catch (NoRoom full) {
            waitFor(job, full);
            return true;
        }
    }

    /** Parks the job whose writer found no room, until the next look. */
    public void waitFor(Job job, NoRoom full) {
        job.parkUntil(jobs.now().plus(recheck));
        jobs.save(job);
        if (waiting.add(job.getId())) {
            LOG.warn("{}: waiting for room on the outbox disk ({}): {} free, about {} needed; not started, "
                    + "looking again every {}", job.getName(), full.folder(), HumanReadable.size(full.free()),
                    HumanReadable.size(full.needed()), HumanReadable.duration(recheck));
        }
    }

    /** The outbox's disk has less room than a file is expected to need. */
    public static final class NoRoom extends RuntimeException {
        private final transient Path folder;
        private final long free;
        private final long needed;

        NoRoom(Path folder, long free, long needed) {
            super("not enough room in " + folder + ": " + free + " bytes free, " + needed + " needed");
            this.folder = folder;
            this.free = free;
            this.needed = needed;
        }

        public Path folder() {
            return folder;
        }

        public long free() {
            return free;
        }

        public long needed() {
            return needed;
        }
    }
}
