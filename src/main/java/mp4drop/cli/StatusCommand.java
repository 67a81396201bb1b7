package mp4drop.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mp4drop.cluster.ClusterStatus;
import mp4drop.config.TypedProperties;
import mp4drop.job.Job;
import mp4drop.report.StatusReport;
import mp4drop.report.StatusSources;

/**
 * {@code ./run.sh status}: what waits, uploads, renders, is done and failed, from the state folder; in a
 * cluster, from its database, with every instance.
 */
public final class StatusCommand {
    private StatusCommand() {
    }

    public static int run(TypedProperties settings, PrintStream out) throws IOException {
        StatusReport report = new StatusReport(settings.list("mp4drop.extensions"));
        Optional<String> jdbcUrl = settings.optional("mp4drop.cluster.jdbc-url").filter(url -> !url.isBlank());
        if (jdbcUrl.isPresent()) {
            return clusterStatus(settings, jdbcUrl.get(), report, out);
        }
        List<Job> jobs = new ArrayList<>(StatusSources.jobs(settings.folder("mp4drop.state")));
        jobs.addAll(StatusSources.failuresWithoutJob(settings.folder("mp4drop.failed")));
        out.print(report.render(jobs, StatusSources.inboxFiles(settings.folder("mp4drop.inbox")),
                Clock.systemDefaultZone()));
        return 0;
    }

    /** A cluster's jobs are in its database; the instances follow, with who works on which file. */
    private static int clusterStatus(TypedProperties settings, String jdbcUrl, StatusReport report, PrintStream out)
            throws IOException {
        ClusterStatus cluster;
        try {
            cluster = ClusterStatus.read(jdbcUrl, settings.optional("mp4drop.cluster.user").orElse(""),
                    settings.optional("mp4drop.cluster.password").orElse(""));
        } catch (SQLException e) {
            out.println("The cluster database at " + jdbcUrl + " cannot be read: " + e.getMessage());
            return 1;
        }
        Clock clock = Clock.systemDefaultZone();
        out.print(report.render(cluster.jobs(), StatusSources.inboxFiles(settings.folder("mp4drop.inbox")), clock));
        out.print(cluster.render(clock));
        return 0;
    }
}
