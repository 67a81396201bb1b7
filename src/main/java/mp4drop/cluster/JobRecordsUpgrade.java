package mp4drop.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mp4drop.job.Job;
import mp4drop.job.JobRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single machine joining a cluster: the job records of its state folder move into the database, so its
 * unfinished jobs (a render in progress too) go on from where they stood, and its finished ones still
 * recognise content converted before. The folder is kept, renamed, for a person to look at.
 */
public final class JobRecordsUpgrade {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");
    static final String MOVED = "jobs.moved-to-cluster";

    private JobRecordsUpgrade() {
    }

    /** @return how many records were moved (0 when the state folder has none) */
    public static int moveIntoDatabase(Path stateDir, ClusterDatabase db) {
        Path folder = stateDir.resolve("jobs");
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        List<Job> jobs;
        try {
            jobs = JobRecords.read(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the job records in " + folder, e);
        }
        int moved = db.waitFor(c -> {
            int rows = 0;
            for (Job job : jobs) {
                // nobody holds them: whichever instance has room claims each when it is due
                rows += JobRows.update(c, "INSERT INTO mp4drop_job (id, sha256, source, stage, finished, "
                        + "due_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING", job.getId(),
                        job.getSha256() == null ? "" : job.getSha256(), job.getSource(), job.getStage().name(),
                        job.finished(),
                        JobRows.timestamp(job.getNextCheckAt()), JobRows.json(job));
            }
            return rows;
        });
        try {
            Files.move(folder, stateDir.resolve(MOVED + "-" + System.currentTimeMillis()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot set aside " + folder + " after moving its jobs into the cluster", e);
        }
        LOG.info("Cluster: {} of {} job records of {} moved into the database", moved, jobs.size(), folder);
        return moved;
    }
}
