package mp4drop.report;

import static mp4drop.job.Jobs.failed;
import static mp4drop.job.Jobs.job;
import static mp4drop.job.Jobs.rendering;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import mp4drop.job.Job;
import mp4drop.job.Stage;
import org.junit.jupiter.api.Test;

class StatusReportTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-10T05:12:00Z"), ZoneId.of("Europe/Berlin"));
    private final StatusReport report = new StatusReport(StatusReport.DEFAULT_VIDEO_EXTENSIONS);

    @Test
    void countsEveryPhaseListsRendersAndTheLatestFailures() {
        Job opened = job("b.mov", Stage.NEW, "sessionId", "s-1");
        Job local = job("c.mkv", Stage.NEW, "engine", "local", "tempOutput", "/outbox/.c.mkv.tmp");
        List<Job> jobs = List.of(
                job("a.avi", Stage.NEW),
                opened,
                job("d.avi", Stage.UPLOADED),
                job("e.avi", Stage.INSTRUCTED),
                job("f.avi", Stage.DRAFT_READY),
                local,
                rendering("holiday-in-spain.avi", 40),
                rendering("g.mov", 100),
                job("h.avi", Stage.OUTPUT_READY),
                job("i.avi", Stage.DONE),
                job("j.avi", Stage.DONE),
                failed("tape.mov", "too-large", "tape.mov is 812.0 MB,\n over the limit.", "2026-01-10T03:00:00Z"),
                failed("x.avi", "4001", "Unsupported file type", "2026-01-10T04:49:00Z"));
        List<Path> inbox = List.of(Path.of("/inbox/a.avi"), Path.of("/inbox/new.MP4"), Path.of("/inbox/sub/new2.webm"));

        assertThat(report.render(jobs, inbox, CLOCK)).isEqualTo("""
                mp4drop status at 2026-01-10 06:12

                waiting             3
                uploading           2
                with the agent      2
                converting locally  1
                rendering           2
                  holiday-in-spain.avi   40%
                  g.mov                 100%
                downloading         1
                done                2
                failed              2

                Last failures, newest first:
                  2026-01-10 05:49  x.avi     4001       Unsupported file type
                  2026-01-10 04:00  tape.mov  too-large  tape.mov is 812.0 MB, over the limit.
                """);
    }

    @Test
    void onlyVisibleVideosNotYetTakenCountAsWaitingInTheInbox() {
        Job underWay = job("busy.avi", Stage.UPLOADED);
        Job failedBefore = failed("retry.avi", "http-500", "Server error", "2026-01-09T02:00:00Z");
        List<Path> inbox = List.of(Path.of("/inbox/busy.avi"), Path.of("/inbox/retry.avi"),
                Path.of("/inbox/.hidden.avi"), Path.of("/inbox/clip.avi.txt"), Path.of("/inbox/mp4drop.properties"),
                Path.of("/inbox/part.avi.part"), Path.of("/inbox/noext"), Path.of("/inbox/ok.mkv"));

        String text = report.render(List.of(underWay, failedBefore), inbox, CLOCK);

        assertThat(text).contains("\nwaiting             2\n").contains("\nuploading           1\n");
    }

    @Test
    void onlyTheFiveNewestFailuresAreListed() {
        List<Job> jobs = new ArrayList<>();
        for (int hour = 10; hour < 17; hour++) {
            jobs.add(failed("f" + hour + ".avi", "c" + hour, "m", "2026-01-09T" + hour + ":00:00Z"));
        }

        String text = report.render(jobs, List.of(), CLOCK);

        assertThat(text).contains("failed              7")
                .contains("f16.avi", "f15.avi", "f14.avi", "f13.avi", "f12.avi")
                .doesNotContain("f11.avi", "f10.avi");
        assertThat(text.indexOf("f16.avi")).isLessThan(text.indexOf("f12.avi"));
    }

    @Test
    void anEmptyStateFolderReportsZerosAndNoFailureSection() {
        String text = report.render(List.of(), List.of(), CLOCK);

        assertThat(text).contains("waiting             0").contains("failed              0")
                .doesNotContain("Last failures");
    }
}
