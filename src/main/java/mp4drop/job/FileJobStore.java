package mp4drop.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The jobs of the state folder: one JSON file per input file, replaced atomically at every durable step,
 * so a restart (even after kill -9) finds each job at its last completed step. Unfinished jobs are also
 * kept in memory; a job being worked on is "claimed" so that the job tick and the inbox never run the
 * same job twice at once. This is the store of a single machine: a cluster keeps its jobs in PostgreSQL.
 */
public final class FileJobStore implements JobStore {
    private final Path dir;
    private final Clock clock;
    private final ConcurrentMap<String, Job> unfinished = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Job> setAside = new ConcurrentHashMap<>();
    private final Set<String> claimed = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<String, Job> convertedByContent = new ConcurrentHashMap<>();
    private volatile BiConsumer<Stage, Duration> stageLeft = (stage, duration) -> { };
    private volatile Runnable released = () -> { };

    public FileJobStore(Path stateDir, Clock clock) {
        this.dir = stateDir.resolve("jobs");
        this.clock = clock;
        try {
            PrivateFolder.create(dir);
            for (Job job : readAll()) {
                if (!job.finished()) {
                    unfinished.put(job.getId(), job);
                }
                rememberContent(job);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the job records in " + dir, e);
        }
    }

    @Override
    public Optional<Job> create(Path source, long size, String sha256, FileInstructions settings) {
        Job job = NewJob.of(source, size, sha256, settings, clock.instant());
        claimed.add(job.getId());
        unfinished.put(job.getId(), job);
        save(job);
        return Optional.of(job);
    }

    @Override
    public void onStageLeft(BiConsumer<Stage, Duration> listener) {
        stageLeft = listener;
    }

    @Override
    public void save(Job job) {
        StageTimes.stamp(job, clock.instant(), stageLeft);
        Path target = dir.resolve(job.getId() + ".json");
        try {
            AtomicFile.write(target, JsonMapping.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(job),
                    AtomicFile.OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record job " + job.getId() + " in " + dir, e);
        }
        if (job.finished()) {
            unfinished.remove(job.getId());
        }
        rememberContent(job);
    }

    @Override
    public Optional<Job> convertedBefore(String sha256) {
        return Optional.ofNullable(convertedByContent.get(sha256));
    }

    private void rememberContent(Job job) {
        if (job.getStage() == Stage.DONE && job.getSha256() != null && job.getOutput() != null
                && job.getDuplicateOf() == null) {
            convertedByContent.put(job.getSha256(), job);
        }
    }

    @Override
    public void forget(Job job) {
        unfinished.remove(job.getId());
        try {
            Files.deleteIfExists(dir.resolve(job.getId() + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove job record " + job.getId(), e);
        }
    }

    /** Until the next start: this run no longer takes the job up. */
    @Override
    public void setAside(Job job) {
        job.tempOutputGone();
        save(job);
        setAside.put(job.getId(), job);
        unfinished.remove(job.getId());
    }

    @Override
    public Optional<Job> unfinishedFor(Path source) {
        String key = source.toAbsolutePath().toString();
        return Stream.concat(unfinished.values().stream(), setAside.values().stream())
                .filter(job -> job.getSource().equals(key)).findFirst();
    }

    @Override
    public List<Job> claimDue() {
        Instant now = clock.instant();
        List<Job> due = new ArrayList<>();
        for (Job job : unfinished.values()) {
            boolean isDue = job.getNextCheckAt() == null || !job.getNextCheckAt().isAfter(now);
            if (isDue && claimed.add(job.getId())) {
                due.add(job);
            }
        }
        due.sort(Comparator.comparing(job -> job.getId()));
        return due;
    }

    @Override
    public void release(Job job) {
        claimed.remove(job.getId());
        released.run();
    }

    @Override
    public Optional<Instant> nextDue() {
        Instant now = clock.instant();
        return unfinished.values().stream().filter(job -> !claimed.contains(job.getId()))
                .map(job -> job.getNextCheckAt() == null ? now : job.getNextCheckAt()).min(Comparator.naturalOrder());
    }

    @Override
    public void onReleased(Runnable listener) {
        released = listener;
    }

    @Override
    public int unfinishedCount() {
        return unfinished.size();
    }

    @Override
    public Collection<Job> unfinished() {
        return List.copyOf(unfinished.values());
    }

    @Override
    public List<Job> readAll() throws IOException {
        return JobRecords.read(dir);
    }

    @Override
    public Instant now() {
        return clock.instant();
    }
}
