package mp4drop.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import mp4drop.config.TypedProperties;
import mp4drop.job.Job;
import mp4drop.report.StatusReport;
import mp4drop.report.StatusSources;

/** {@code ./run.sh status}: what waits, uploads, renders, is done and failed, from the state folder. */
public final class StatusCommand {
    private StatusCommand() {
    }

    public static int run(TypedProperties settings, PrintStream out) throws IOException {
        StatusReport report = new StatusReport(settings.list("mp4drop.extensions"));
        List<Job> jobs = new ArrayList<>(StatusSources.jobs(settings.folder("mp4drop.state")));
        jobs.addAll(StatusSources.failuresWithoutJob(settings.folder("mp4drop.failed")));
        out.print(report.render(jobs, StatusSources.inboxFiles(settings.folder("mp4drop.inbox")),
                Clock.systemDefaultZone()));
        return 0;
    }
}
