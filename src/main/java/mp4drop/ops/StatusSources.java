package mp4drop.ops;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import mp4drop.job.Job;

/**
 * Reads what {@link StatusReport} reports on, without creating or changing anything: the status command
 * may run before the first run made the folders, and while a run is writing them.
 */
public final class StatusSources {
    // a record written by a newer mp4drop may have fields this one does not know: still worth counting
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private StatusSources() {
    }

    /** Every job on record in {@code <state>/jobs}; none when the folder does not exist yet. */
    public static List<Job> jobs(Path stateDir) throws IOException {
        Path dir = stateDir.resolve("jobs");
        List<Job> jobs = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return jobs;
        }
        // JobStore writes ".<id>.json.tmp" first and renames it: hidden names are never whole records
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "[!.]*.json")) {
            for (Path file : files) {
                try {
                    jobs.add(JSON.readValue(file.toFile(), Job.class));
                } catch (IOException e) {
                    throw new IOException("Cannot read the job record " + file + ": " + e.getMessage(), e);
                }
            }
        }
        return jobs;
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
