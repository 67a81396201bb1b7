package mp4drop.job;

/**
 * Another instance of the cluster took this job over (its lease ran out here): the pass that holds it
 * stops without touching the job's files, which now belong to the new owner.
 */
public final class LeaseLost extends RuntimeException {
    public LeaseLost(Job job, String node) {
        super(job.getName() + ": taken over by another instance; " + node + " stops working on it", null, false, false);
    }
}
