package mp4drop.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mp4drop.failure.ConversionFailure;
import mp4drop.job.Job;
import mp4drop.job.JobRecords;
import mp4drop.job.JsonMapping;

/**
 * Reads what {@link StatusReport} reports on, without creating or changing anything: the status command
 * may run before the first run made the folders, and while a run is writing them.
 */
public final class StatusSources {

    private StatusSources() {
    }

    /** Every job on record in {@code <state>/jobs}; none when the folder does not exist yet. */
    public static List<Job> jobs(Path stateDir) throws IOException {
        return JobRecords.read(stateDir.resolve("jobs"));
    }

    /**
     * The failures that have an error file but no job: a file refused at the inbox (empty, too large,
     * unreadable) fails before a job is made. Each becomes a failed job for the report.
     */
    public static List<Job> failuresWithoutJob(Path failedDir) throws IOException {
        List<Job> failures = new ArrayList<>();
        if (!Files.isDirectory(failedDir)) {
            return failures;
        }
        try (Stream<Path> files = Files.walk(failedDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString()
                    .endsWith(ConversionFailure.ERROR_FILE_SUFFIX)).toList()) {
                JsonNode report = readQuietly(file);
                if (report != null && !report.hasNonNull("job_id")) {
                    failures.add(failedJob(file, report));
                }
            }
        }
        return failures;
    }

    private static JsonNode readQuietly(Path errorFile) {
        try {
            return JsonMapping.MAPPER.readTree(errorFile.toFile());
        } catch (IOException unreadable) {
            // an error file being written right now, or one a person edited: not a failure on record
            return null;
        }
    }

    private static Job failedJob(Path errorFile, JsonNode report) {
        String file = errorFile.getFileName().toString();
        Instant failedAt;
        try {
            failedAt = Instant.parse(report.path("failed_at").asText());
        } catch (DateTimeParseException noTime) {
            failedAt = null;
        }
        return Job.failedWithoutRecord(report.path("file")
                .asText(file.substring(0, file.length() - ConversionFailure.ERROR_FILE_SUFFIX.length())),
                report.path("code").asText(null), report.path("message").asText(null), failedAt);
    }

    /**
     * The regular files below the inbox, absolute; hidden folders are not entered and symbolic links are
     * not followed, as the inbox consumer does neither.
     */
    public static List<Path> inboxFiles(Path inbox) throws IOException {
        List<Path> files = new ArrayList<>();
        Path root = inbox.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            return files;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                boolean hidden = !dir.equals(root) && dir.getFileName().toString().startsWith(".");
                return hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // a file removed or unreadable mid-walk is simply not there for this report
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }
}
