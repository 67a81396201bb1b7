package mp4drop.report;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import mp4drop.job.Job;
import mp4drop.job.JobRecords;

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
