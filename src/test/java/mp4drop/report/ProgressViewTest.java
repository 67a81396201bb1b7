package mp4drop.report;

import static mp4drop.job.Jobs.job;
import static mp4drop.job.Jobs.rendering;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import mp4drop.job.Job;
import mp4drop.job.Stage;
import org.junit.jupiter.api.Test;

class ProgressViewTest {
    private static final String ESC = "\u001b[";

    @Test
    void oneAlignedLinePerFileInFlightOldestFirstThenTheOverallLine() {
        Job first = rendering("holiday.avi", 40);
        Job second = job("wedding.mov", Stage.UPLOADED);
        Job third = job("tape.mkv", Stage.INSTRUCTED);
        List<Job> inFlight = List.of(third, first, second);

        List<String> lines = new ProgressView(80).lines(inFlight, 3, 1, 12);

        assertThat(lines).containsExactly(
                "  holiday.avi  rendering       40%",
                "  wedding.mov  uploading",
                "  tape.mkv     with the agent",
                "3 of 12 done, 1 failed");
    }

    @Test
    void aLocalEncodeShowsItsPercentageLikeARender() {
        Job local = job("phone.mov", Stage.NEW, "engine", "local", "tempOutput", "/outbox/.phone.mp4.part",
                "progress", 37);

        assertThat(new ProgressView(80).lines(List.of(local), 0, 0, 1))
                .containsExactly("  phone.mov  converting locally  37%", "0 of 1 done");
    }

    @Test
    void theOverallLineLeavesOutFailuresWhenThereAreNone() {
        assertThat(new ProgressView(80).lines(List.of(), 12, 0, 12)).containsExactly("12 of 12 done");
    }

    @Test
    void longNamesAreShortenedInTheMiddleSoNoLineIsWiderThanTheTerminal() {
        List<Job> inFlight = List.of(rendering("2019-08-summer-holiday-in-spain-part-1.avi", 100));

        List<String> lines = new ProgressView(40).lines(inFlight, 0, 0, 1);

        assertThat(lines.get(0)).isEqualTo("  2019-08-su...art-1.avi  rendering 100%");
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(40));
    }

    @Test
    void aVeryNarrowTerminalStillGetsLinesNoWiderThanItself() {
        List<String> lines = new ProgressView(20).lines(List.of(rendering("a-rather-long-name.avi", 5)), 0, 0, 1);

        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(20));
        assertThat(lines.get(0)).startsWith("  a-r...vi  ");
    }

    @Test
    void shorteningKeepsBothEnds() {
        assertThat(ProgressView.shorten("abcdefghij", 10)).isEqualTo("abcdefghij");
        assertThat(ProgressView.shorten("abcdefghij", 9)).isEqualTo("abc...hij");
        assertThat(ProgressView.shorten("abcdefghij", 8)).isEqualTo("abc...ij");
        assertThat(ProgressView.shorten("abcdefghij", 2)).isEqualTo("ab");
    }

    @Test
    void theFirstDrawMovesNothingAndLaterOnesMoveUpOverTheLastBlock() {
        ProgressView view = new ProgressView(80);

        assertThat(view.redraw(List.of("a", "b", "c"))).isEqualTo("\r" + ESC + "J" + "a\nb\nc\n");
        assertThat(view.redraw(List.of("d"))).isEqualTo(ESC + "3A\r" + ESC + "J" + "d\n");
        assertThat(view.erase()).isEqualTo(ESC + "1A\r" + ESC + "J");
        assertThat(view.redraw(List.of("e"))).isEqualTo("\r" + ESC + "J" + "e\n");
    }

    @Test
    void onlyATerminalThatIsNotDumbAndNotSwitchedOffGetsTheView() {
        assertThat(ProgressView.decide(true, "xterm-256color", false)).isTrue();
        assertThat(ProgressView.decide(true, null, false)).isTrue();
        assertThat(ProgressView.decide(true, "dumb", false)).isFalse();
        assertThat(ProgressView.decide(false, "xterm", false)).isFalse();
        assertThat(ProgressView.decide(true, "xterm", true)).isFalse();
        // surefire's forked JVM has no console
        assertThat(ProgressView.shouldUse()).isFalse();
    }
}
