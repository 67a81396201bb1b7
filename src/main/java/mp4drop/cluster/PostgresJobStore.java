package mp4drop.cluster;

import static mp4drop.cluster.JobRows.job;
import static mp4drop.cluster.JobRows.json;
import static mp4drop.cluster.JobRows.prepared;
import static mp4drop.cluster.JobRows.query;
import static mp4drop.cluster.JobRows.timestamp;
import static mp4drop.cluster.JobRows.update;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import mp4drop.job.FileInstructions;
import mp4drop.job.Job;
import mp4drop.job.JobStore;
import mp4drop.job.LeaseLost;
import mp4drop.job.NewJob;
import mp4drop.job.Stage;
import mp4drop.job.StageTimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's jobs, one row each in PostgreSQL. An instance works on a job only while it holds the job's
 * lease, which it renews while it works ({@link #renewLeases}); every save is fenced by it, so an instance
 * whose lease ran out (it was presumed dead) can no longer change the job another has taken over. A job
 * that waits (a render in progress, a retry) holds no lease: whichever instance has room claims it when it
 * is due.
 */
public final class PostgresJobStore implements JobStore {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");
    private static final String ROW = "doc, lease_owner";
    private static final String LEASE_END = "now() + (? * interval '1 millisecond')";

    private final ClusterDatabase db;
    private final String node;
    private final Duration lease;
    private final int capacity;
    private final int localCapacity;
    private final Clock clock;
    /** The jobs this instance holds, and whether each is (or waits for) a local encode. */
    private final Map<String, Boolean> held = new ConcurrentHashMap<>();
    private volatile BiConsumer<Stage, Duration> stageLeft = (stage, duration) -> { };
    private volatile Runnable released = () -> { };
    private volatile Instant takeoversFrom;
    private volatile int lastUnfinishedCount;

    /**
     * @param capacity jobs this instance works on at once (mp4drop.concurrency)
     * @param localCapacity of these, local encodes (mp4drop.local.concurrency)
     */
    public PostgresJobStore(ClusterDatabase db, String node, Duration lease, int capacity, int localCapacity,
            Clock clock) {
        this.db = db;
        this.node = node;
        this.lease = lease;
        this.capacity = Math.max(1, capacity);
        this.localCapacity = Math.max(1, localCapacity);
        this.clock = clock;
        this.takeoversFrom = clock.instant();
        // after an outage every instance is back at once: the owners renew first, then expired leases are fair game
        db.onBack(() -> {
            takeoversFrom = clock.instant().plus(lease);
            renewLeases();
        });
        db.waitFor(c -> update(c, "INSERT INTO mp4drop_instance (node, started_at, heartbeat_at) VALUES (?, now(), now()) "
                + "ON CONFLICT (node) DO UPDATE SET started_at = now(), heartbeat_at = now()", node));
    }

    public String node() {
        return node;
    }

    /** How many jobs this instance works on now. */
    int heldCount() {
        return held.size();
    }

    /** The database the jobs are in, which also keeps the cloud identity ({@link DatabaseSecrets}). */
    ClusterDatabase database() {
        return db;
    }

    @Override
    public Optional<Job> create(Path source, long size, String sha256, FileInstructions settings) {
        Job job = NewJob.of(source, size, sha256, settings, clock.instant());
        StageTimes.stamp(job, job.getCreatedAt(), stageLeft);
        String doc = json(job);
        boolean recorded = db.waitFor(c -> {
            boolean inserted = update(c, "INSERT INTO mp4drop_job (id, sha256, source, stage, finished, due_at, "
                    + "lease_owner, lease_until, doc) VALUES (?, ?, ?, ?, false, ?, ?, " + LEASE_END + ", ?::jsonb) "
                    + "ON CONFLICT DO NOTHING", job.getId(), job.getSha256(), job.getSource(), job.getStage().name(),
                    timestamp(job.getNextCheckAt()), node, lease.toMillis(), doc) == 1;
            // a commit whose answer was lost with the connection: the row is there, and it is ours
            return inserted || !query(c, "SELECT " + ROW + " FROM mp4drop_job WHERE id = ?", job.getId()).isEmpty();
        });
        if (!recorded) {
            return Optional.empty();
        }
        held.put(job.getId(), isLocal(job));
        return Optional.of(job);
    }

    @Override
    public void onStageLeft(BiConsumer<Stage, Duration> listener) {
        stageLeft = listener;
    }

    @Override
    public void save(Job job) {
        StageTimes.stamp(job, clock.instant(), stageLeft);
        String doc = json(job);
        int rows = db.waitFor(c -> update(c, "UPDATE mp4drop_job SET doc = ?::jsonb, stage = ?, finished = ?, "
                + "due_at = ?, lease_until = " + LEASE_END + ", updated_at = now() WHERE id = ? AND lease_owner = ?",
                doc, job.getStage().name(), job.finished(), timestamp(job.getNextCheckAt()), lease.toMillis(),
                job.getId(), node));
        if (rows == 0) {
            held.remove(job.getId());
            throw new LeaseLost(job, node);
        }
        held.computeIfPresent(job.getId(), (id, local) -> isLocal(job));
    }

    @Override
    public Optional<Job> convertedBefore(String sha256) {
        return db.waitFor(c -> query(c, "SELECT " + ROW + " FROM mp4drop_job WHERE sha256 = ? AND stage = 'DONE' "
                + "AND doc->>'output' IS NOT NULL AND doc->>'duplicateOf' IS NULL ORDER BY id DESC LIMIT 1", sha256))
                .stream().findFirst();
    }

    @Override
    public void forget(Job job) {
        held.remove(job.getId());
        db.waitFor(c -> update(c, "DELETE FROM mp4drop_job WHERE id = ? AND lease_owner = ?", job.getId(), node));
    }

    /** For a lease's length: the outbox is shared, so a disk every instance writes to gets time to free up. */
    @Override
    public void setAside(Job job) {
        job.tempOutputGone();
        job.parkUntil(now().plus(lease));
        save(job);
        release(job);
    }

    @Override
    public Optional<Job> unfinishedFor(Path source) {
        String key = source.toAbsolutePath().toString();
        return db.waitFor(c -> query(c, "SELECT " + ROW + " FROM mp4drop_job WHERE NOT finished AND source = ? "
                + "LIMIT 1", key)).stream().findFirst();
    }

    /**
     * Claims due jobs nobody holds, and jobs whose owner's lease ran out, as many as this instance has room
     * for: local encodes only up to its own local slots, so they go to whichever instance has one free.
     * While the database is away nothing is claimed.
     */
    @Override
    public List<Job> claimDue() {
        int room = capacity - held.size();
        if (room <= 0) {
            return List.of();
        }
        long localHeld = held.values().stream().filter(local -> local).count();
        int localRoom = (int) Math.min(room, Math.max(0, localCapacity - localHeld));
        boolean takeovers = !clock.instant().isBefore(takeoversFrom);
        Instant now = clock.instant();
        List<Job> claimed = new ArrayList<>();
        db.attempt(c -> {
            List<Job> local = localRoom == 0 ? List.of() : claim(c, true, localRoom, takeovers, now);
            List<Job> other = claim(c, false, room - local.size(), takeovers, now);
            claimed.addAll(local);
            claimed.addAll(other);
            return claimed.size();
        });
        for (Job job : claimed) {
            held.put(job.getId(), isLocal(job));
        }
        return claimed;
    }

    private List<Job> claim(Connection c, boolean localEncodes, int limit, boolean takeovers, Instant now)
            throws SQLException {
        if (limit <= 0) {
            return List.of();
        }
        String sql = "WITH due AS (SELECT id, lease_owner AS was FROM mp4drop_job WHERE NOT finished "
                + "AND (due_at IS NULL OR due_at <= ?) AND (lease_owner IS NULL OR (? AND lease_until < now())) "
                + "AND COALESCE(doc->>'engine' = 'local' AND stage = 'NEW', false) = ? "
                // never a job this instance still works on, even should its lease have run out
                + "AND NOT (id = ANY (?)) "
                // a job cut off mid-step (its owner's lease ran out) goes on before those that merely wait
                + "ORDER BY lease_owner IS NULL, due_at NULLS FIRST, id LIMIT ? FOR UPDATE SKIP LOCKED) "
                + "UPDATE mp4drop_job j SET lease_owner = ?, lease_until = " + LEASE_END + " FROM due "
                + "WHERE j.id = due.id RETURNING j.doc, due.was";
        List<Job> jobs = new ArrayList<>();
        try (PreparedStatement statement = prepared(c, sql, timestamp(now), takeovers, localEncodes,
                c.createArrayOf("text", held.keySet().toArray(String[]::new)), limit, node, lease.toMillis());
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                Job job = job(rows.getString(1));
                String was = rows.getString(2);
                if (was != null && !was.equals(node)) {
                    LOG.info("{}: taken over from {}, whose lease ran out, at stage {}", job.getName(), was,
                            job.getStage());
                }
                jobs.add(job);
            }
        }
        return jobs;
    }

    @Override
    public void release(Job job) {
        held.remove(job.getId());
        db.attempt(c -> update(c, "UPDATE mp4drop_job SET lease_owner = NULL, lease_until = NULL "
                + "WHERE id = ? AND lease_owner = ?", job.getId(), node));
        released.run();
    }

    /** Every instance's waiting jobs: whichever wakes first for one claims it. Empty while the database is away. */
    @Override
    public Optional<Instant> nextDue() {
        return db.attempt(c -> {
            try (PreparedStatement statement = prepared(c, "SELECT min(COALESCE(due_at, now())) FROM mp4drop_job "
                    + "WHERE NOT finished AND lease_owner IS NULL"); ResultSet rows = statement.executeQuery()) {
                rows.next();
                return Optional.ofNullable(rows.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
            }
        }).flatMap(due -> due);
    }

    @Override
    public void onReleased(Runnable listener) {
        released = listener;
    }

    /** The heartbeat, and a fresh lease on every job held; a job whose lease was lost is let go here. */
    @Override
    public void renewLeases() {
        String[] ids = held.keySet().toArray(String[]::new);
        db.attempt(c -> {
            update(c, "INSERT INTO mp4drop_instance (node, started_at, heartbeat_at) VALUES (?, now(), now()) "
                    + "ON CONFLICT (node) DO UPDATE SET heartbeat_at = now()", node);
            List<String> renewed = new ArrayList<>();
            try (PreparedStatement statement = prepared(c, "UPDATE mp4drop_job SET lease_until = " + LEASE_END
                    + " WHERE lease_owner = ? AND id = ANY (?) RETURNING id", lease.toMillis(), node,
                    c.createArrayOf("text", ids)); ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    renewed.add(rows.getString(1));
                }
            }
            for (String id : ids) {
                if (!renewed.contains(id) && held.remove(id) != null) {
                    LOG.warn("job {}: its lease was lost to another instance; this instance stops working on it", id);
                }
            }
            return renewed.size();
        });
    }

    @Override
    public int unfinishedCount() {
        db.attempt(c -> {
            try (PreparedStatement statement = prepared(c, "SELECT count(*) FROM mp4drop_job WHERE NOT finished");
                    ResultSet rows = statement.executeQuery()) {
                rows.next();
                lastUnfinishedCount = rows.getInt(1);
                return lastUnfinishedCount;
            }
        });
        return lastUnfinishedCount;
    }

    @Override
    public Collection<Job> unfinished() {
        return db.waitFor(c -> query(c, "SELECT " + ROW + " FROM mp4drop_job WHERE NOT finished ORDER BY id"));
    }

    @Override
    public List<Job> readAll() {
        return db.waitFor(c -> query(c, "SELECT " + ROW + " FROM mp4drop_job ORDER BY id"));
    }

    /** Each unfinished job with the instance that holds it now (absent: nobody, it waits or is due). */
    public Map<String, String> owners() {
        Map<String, String> owners = new ConcurrentHashMap<>();
        db.waitFor(c -> {
            try (PreparedStatement statement = prepared(c, "SELECT id, lease_owner FROM mp4drop_job "
                    + "WHERE NOT finished AND lease_owner IS NOT NULL"); ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    owners.put(rows.getString(1), rows.getString(2));
                }
            }
            return owners.size();
        });
        return owners;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    private static boolean isLocal(Job job) {
        return "local".equals(job.getEngine()) && job.getStage() == Stage.NEW;
    }
}
