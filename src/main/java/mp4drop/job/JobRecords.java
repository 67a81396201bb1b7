package mp4drop.job;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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

    /**
     * JSON with readable timestamps. A record written by a newer mp4drop may have fields this one does not
     * know: it is still read.
     */
    public static ObjectMapper json() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** Every record in the jobs folder, oldest first; none when the folder does not exist yet. */
    public static List<Job> read(Path jobsDir, ObjectMapper json) throws IOException {
        List<Job> jobs = new ArrayList<>();
        if (!Files.isDirectory(jobsDir)) {
            return jobs;
        }
        // records are written as ".<id>.json.tmp" and renamed: hidden names are never whole records
        try (DirectoryStream<Path> files = Files.newDirectoryStream(jobsDir, "[!.]*.json")) {
            for (Path file : files) {
                try {
                    jobs.add(json.readValue(file.toFile(), Job.class));
                } catch (IOException e) {
                    throw new IOException("Cannot read the job record " + file + ": " + e.getMessage(), e);
                }
            }
        }
        jobs.sort(Comparator.comparing(job -> job.id));
        return jobs;
    }
}
