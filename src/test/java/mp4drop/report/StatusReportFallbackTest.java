package mp4drop.report;

import static mp4drop.job.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import mp4drop.job.Job;
import mp4drop.job.Stage;
import org.junit.jupiter.api.Test;

/** {@code status} says which files the local engine took over from the cloud, and why. */
class StatusReportFallbackTest {
    @Test
    void filesTakenOverByTheLocalEngineAreCountedByReason() {
        List<Job> jobs = List.of(job("a.avi", Stage.DONE), local("b.avi", "NemoVideo is out of credits"),
                local("c.avi", "NemoVideo is out of credits"), local("d.avi", "the cloud's render failed its check twice"));

        String status = new StatusReport(StatusReport.DEFAULT_VIDEO_EXTENSIONS).render(jobs, List.of(),
                Clock.fixed(Instant.parse("2026-01-10T05:12:00Z"), ZoneOffset.UTC));

        assertThat(status).contains("""
                Taken over by the local engine because the cloud could not take them:
                  NemoVideo is out of credits                2
                  the cloud's render failed its check twice  1
                """);
    }

    private static Job local(String name, String reason) {
        return job(name, Stage.DONE, "engine", "local", "fallbackReason", reason);
    }
}
