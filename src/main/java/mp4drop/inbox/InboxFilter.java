package mp4drop.inbox;

import java.io.File;
import java.nio.file.Files;
import mp4drop.job.JobStore;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * Keeps the inbox consumer off files it must not take: symbolic links (never followed: they may point
 * anywhere on the machine) and files whose job is already under way (the job tick carries those on).
 */
public final class InboxFilter implements GenericFileFilter<File> {
    private final JobStore jobs;

    public InboxFilter(JobStore jobs) {
        this.jobs = jobs;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        File local = file.getFile();
        if (Files.isSymbolicLink(local.toPath())) {
            return false;
        }
        return file.isDirectory() || jobs.unfinishedFor(local.toPath()).isEmpty();
    }
}
