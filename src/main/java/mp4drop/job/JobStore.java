package mp4drop.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The jobs of the state folder: one JSON file per input file, replaced atomically at every durable step,
 * so a restart (even after kill -9) finds each job at its last completed step. Unfinished jobs are also
 * kept in memory; a job being worked on is "claimed" so that the job tick and the inbox never run the
 * same job twice at once.
 */
public final class JobStore {
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Clock clock;
    private final ConcurrentMap<String, Job> unfinished = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Job> setAside = new ConcurrentHashMap<>();
    private final Set<String> claimed = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<String, Job> convertedByContent = new ConcurrentHashMap<>();
    private volatile BiConsumer<Stage, Duration> stageLeft = (stage, duration) -> { };

    public JobStore(Path stateDir, Clock clock) {
        this.dir = stateDir.resolve("jobs");
        this.clock = clock;
        try {
            PrivateFolder.create(dir);
            for (Job job : readAll()) {
                if (!job.finished()) {
                    unfinished.put(job.id, job);
                }
                rememberContent(job);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the job records in " + dir, e);
        }
    }

    /** Records a new job for a file just taken from the inbox, claimed by the caller. */
    public Job create(Path source, long size, String sha256, FileInstructions settings) {
        Job job = new Job();
        Instant now = clock.instant();
        job.id = ID_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8);
        job.source = source.toAbsolutePath().toString();
        job.name = source.getFileName().toString();
        job.folder = settings.outputSubPath().toString();
        job.size = size;
        job.sha256 = sha256;
        job.engine = settings.engine();
        job.instruction = settings.instruction();
        job.settingsReason = settings.reason();
        job.createdAt = now;
        job.nextCheckAt = now;
        claimed.add(job.id);
        unfinished.put(job.id, job);
        save(job);
        return job;
    }

    /** Tells the listener how long a job stayed in a stage, each time it leaves one. */
    public void onStageLeft(BiConsumer<Stage, Duration> listener) {
        stageLeft = listener;
    }

    public void save(Job job) {
        job.updatedAt = clock.instant();
        if (job.stage != job.timedStage) {
            if (job.timedStage != null && job.timedSince != null) {
                stageLeft.accept(job.timedStage, Duration.between(job.timedSince, job.updatedAt));
            }
            job.timedStage = job.stage;
            job.timedSince = job.updatedAt;
        }
        Path target = dir.resolve(job.id + ".json");
        try {
            AtomicFile.write(target, JsonMapping.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(job),
                    AtomicFile.OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record job " + job.id + " in " + dir, e);
        }
        if (job.finished()) {
            unfinished.remove(job.id);
        }
        rememberContent(job);
    }

    /** The finished job that already converted exactly this content, if any. */
    public Optional<Job> convertedBefore(String sha256) {
        return Optional.ofNullable(convertedByContent.get(sha256));
    }

    private void rememberContent(Job job) {
        if (job.stage == Stage.DONE && job.sha256 != null && job.output != null && job.duplicateOf == null) {
            convertedByContent.put(job.sha256, job);
        }
    }

    /** Drops a job that never started anything durable to keep, so the file starts afresh next time. */
    public void forget(Job job) {
        unfinished.remove(job.id);
        try {
            Files.deleteIfExists(dir.resolve(job.id + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove job record " + job.id, e);
        }
    }

    /**
     * Leaves an unfinished job to the next start: its record stays, this run no longer takes it up, and its
     * file is still not taken again as a new job.
     */
    public void setAside(Job job) {
        job.tempOutput = null;
        save(job);
        setAside.put(job.id, job);
        unfinished.remove(job.id);
    }

    /** The unfinished job of a file still in the inbox, if it has one. */
    public Optional<Job> unfinishedFor(Path source) {
        String key = source.toAbsolutePath().toString();
        return Stream.concat(unfinished.values().stream(), setAside.values().stream())
                .filter(job -> job.source.equals(key)).findFirst();
    }

    /** Claims the unfinished jobs whose next check is due and that nobody is working on. */
    public List<Job> claimDue() {
        Instant now = clock.instant();
        List<Job> due = new ArrayList<>();
        for (Job job : unfinished.values()) {
            boolean isDue = job.nextCheckAt == null || !job.nextCheckAt.isAfter(now);
            if (isDue && claimed.add(job.id)) {
                due.add(job);
            }
        }
        due.sort(Comparator.comparing(job -> job.id));
        return due;
    }

    public void release(Job job) {
        claimed.remove(job.id);
    }

    public int unfinishedCount() {
        return unfinished.size();
    }

    public Collection<Job> unfinished() {
        return List.copyOf(unfinished.values());
    }

    /** Every job on record, finished or not, oldest first. */
    public List<Job> readAll() throws IOException {
        return JobRecords.read(dir);
    }

    public Instant now() {
        return clock.instant();
    }
}
