package mp4drop.job;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** How job records are written and read back, for the pipeline and for the commands that report on it. */
public final class JobRecords {
    private JobRecords() {
    }

    /** Every record in the jobs folder, oldest first; none when the folder does not exist yet. */
    public static List<Job> read(Path jobsDir) throws IOException {
        List<Job> jobs = new ArrayList<>();
        if (!Files.isDirectory(jobsDir)) {
            return jobs;
        }
        // records are written as ".<id>.json.tmp" and renamed: hidden names are never whole records
        try (DirectoryStream<Path> files = Files.newDirectoryStream(jobsDir, "[!.]*.json")) {
            for (Path file : files) {
                try {
                    jobs.add(JsonMapping.MAPPER.readValue(file.toFile(), Job.class));
                } catch (IOException e) {
                    throw new IOException("Cannot read the job record " + file + ": " + e.getMessage(), e);
                }
            }
        }
        jobs.sort(Comparator.comparing(job -> job.getId()));
        return jobs;
    }
}
