package mp4drop.job;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Where the jobs are recorded after every durable step, so that a restart (or, in a cluster, another
 * instance) resumes each from there. A job being worked on is claimed, so that the job tick and the inbox
 * never run the same job twice at once. A single machine keeps them in its state folder
 * ({@link FileJobStore}); a cluster in PostgreSQL.
 */
public interface JobStore {

    /**
     * Records a new job for a file just taken from the inbox, claimed by the caller; empty when a job for
     * the same content is already under way (in a cluster: another instance took the file).
     */
    Optional<Job> create(Path source, long size, String sha256, FileInstructions settings);

    /** Tells the listener how long a job stayed in a stage, each time it leaves one. */
    void onStageLeft(BiConsumer<Stage, Duration> listener);

    /** @throws LeaseLost when another instance has taken the job over: this pass must stop here */
    void save(Job job);

    /** The finished job that already converted exactly this content, if any. */
    Optional<Job> convertedBefore(String sha256);

    /** Drops a job that never started anything durable to keep, so the file starts afresh next time. */
    void forget(Job job);

    /**
     * Leaves an unfinished job for later (the outbox could not be written): its record stays, and its file
     * is not taken again as a new job.
     */
    void setAside(Job job);

    /** The unfinished job of a file still in the inbox, if it has one. */
    Optional<Job> unfinishedFor(Path source);

    /** Claims the unfinished jobs whose next check is due and that nobody is working on. */
    List<Job> claimDue();

    void release(Job job);

    /**
     * The earliest due time of an unfinished job nobody works on, as far as this instance knows (empty: none
     * waits): the job tick wakes for it rather than on its next round.
     */
    Optional<Instant> nextDue();

    /** Tells the listener each time a job is let go, so that a job now waiting is looked at when it is due. */
    void onReleased(Runnable listener);

    int unfinishedCount();

    Collection<Job> unfinished();

    /** Every job on record, finished or not, oldest first. */
    List<Job> readAll() throws IOException;

    Instant now();

    /** Tells the others this instance is alive and still works on the jobs it holds (a cluster's lease). */
    default void renewLeases() {
    }
}
