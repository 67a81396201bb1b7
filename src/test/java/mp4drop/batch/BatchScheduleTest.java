package mp4drop.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import mp4drop.failure.InvalidSetting;
import org.junit.jupiter.api.Test;

class BatchScheduleTest {
    private static final String BERLIN = "Europe/Berlin";

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void theWindowStaysOpenAcrossMidnightUntilTheEndTime() {
        BatchSchedule schedule = new BatchSchedule("0 0 22 * * ?", BERLIN, "06:00");
        Instant start = at("2026-01-10T21:00:00Z"); // 22:00 in Berlin (winter, UTC+1)

        assertThat(schedule.windowEnd(start)).contains(at("2026-01-11T05:00:00Z"));
        assertThat(schedule.windowOpen(at("2026-01-10T22:30:00Z"), start)).isTrue();
        assertThat(schedule.windowOpen(at("2026-01-11T04:59:59Z"), start)).isTrue();
        assertThat(schedule.windowOpen(at("2026-01-11T05:00:00Z"), start)).isFalse();
    }

    @Test
    void aRunStartingExactlyAtTheEndTimeGetsTheNextDaysEnd() {
        BatchSchedule schedule = new BatchSchedule("0 0 6 * * ?", "UTC", "6:00");

        assertThat(schedule.windowEnd(at("2026-01-10T06:00:00Z"))).contains(at("2026-01-11T06:00:00Z"));
    }

    @Test
    void withoutAWindowEndTheWindowNeverCloses() {
        BatchSchedule schedule = new BatchSchedule(BatchSchedule.DEFAULT_CRON, "UTC", "");

        assertThat(schedule.windowEnd(at("2026-01-10T02:00:00Z"))).isEmpty();
        assertThat(schedule.windowOpen(at("2026-01-12T12:00:00Z"), at("2026-01-10T02:00:00Z"))).isTrue();
    }

    @Test
    void theWindowEndIsLocalTimeWhenClocksGoForward() {
        // 29 March 2026: Berlin jumps from 02:00 CET to 03:00 CEST, so 01:30 to 06:00 is 3.5 real hours
        BatchSchedule schedule = new BatchSchedule("0 30 1 * * ?", BERLIN, "06:00");
        Instant start = at("2026-03-29T00:30:00Z");

        assertThat(schedule.windowEnd(start)).contains(at("2026-03-29T04:00:00Z"));
        assertThat(schedule.missedRun(at("2026-03-29T03:59:00Z"), at("2026-03-28T00:30:00Z"))).contains(start);
        assertThat(schedule.missedRun(at("2026-03-29T04:00:00Z"), at("2026-03-28T00:30:00Z"))).isEmpty();
    }

    @Test
    void theWindowEndIsLocalTimeWhenClocksGoBack() {
        // 25 October 2026: Berlin goes back from 03:00 CEST to 02:00 CET, so 22:00 to 06:00 is 9 real hours
        BatchSchedule schedule = new BatchSchedule("0 0 22 * * ?", BERLIN, "06:00");
        Instant start = at("2026-10-24T20:00:00Z");

        assertThat(schedule.windowEnd(start)).contains(at("2026-10-25T05:00:00Z"));
        assertThat(schedule.windowOpen(at("2026-10-25T04:30:00Z"), start)).isTrue();
    }

    @Test
    void theNightWithout0200WhenClocksGoForwardHasNoRunToMakeUp() {
        // Quartz skips a fire time that does not exist locally; the catch-up follows the same calendar
        BatchSchedule schedule = new BatchSchedule(BatchSchedule.DEFAULT_CRON, BERLIN, "06:00");

        assertThat(schedule.missedRun(at("2026-03-29T01:30:00Z"), at("2026-03-28T01:00:05Z"))).isEmpty();
        assertThat(schedule.nextRun(at("2026-03-28T01:00:05Z"))).isEqualTo(at("2026-03-30T00:00:00Z"));
    }

    @Test
    void aRunMissedWhileDownIsMadeUpWhileItsWindowIsOpen() {
        BatchSchedule schedule = new BatchSchedule(BatchSchedule.DEFAULT_CRON, "UTC", "06:00");
        Instant lastNight = at("2026-01-09T02:00:01Z");

        assertThat(schedule.missedRun(at("2026-01-10T03:15:00Z"), lastNight)).contains(at("2026-01-10T02:00:00Z"));
        assertThat(schedule.missedRun(at("2026-01-10T07:00:00Z"), lastNight)).isEmpty();
    }

    @Test
    void aRunThatTookPlaceIsNotMadeUpAgain() {
        BatchSchedule schedule = new BatchSchedule(BatchSchedule.DEFAULT_CRON, "UTC", "06:00");

        assertThat(schedule.missedRun(at("2026-01-10T03:15:00Z"), at("2026-01-10T02:00:00.200Z"))).isEmpty();
    }

    @Test
    void onlyTheLatestOfSeveralMissedNightsIsMadeUp() {
        BatchSchedule schedule = new BatchSchedule(BatchSchedule.DEFAULT_CRON, "UTC", "06:00");

        assertThat(schedule.missedRun(at("2026-01-10T02:30:00Z"), at("2026-01-03T02:00:00Z")))
                .contains(at("2026-01-10T02:00:00Z"));
        assertThat(schedule.missedRun(at("2026-01-10T02:30:00Z"), null)).contains(at("2026-01-10T02:00:00Z"));
    }

    @Test
    void aRunMissedBeforeMidnightIsMadeUpAfterIt() {
        BatchSchedule schedule = new BatchSchedule("0 0 23 * * ?", "UTC", "06:00");

        assertThat(schedule.missedRun(at("2026-01-11T01:00:00Z"), at("2026-01-09T23:00:00Z")))
                .contains(at("2026-01-10T23:00:00Z"));
    }

    @Test
    void withoutAWindowEndOnlyARunOfTheLastSixHoursIsMadeUp() {
        BatchSchedule schedule = new BatchSchedule(BatchSchedule.DEFAULT_CRON, "UTC", "");

        assertThat(schedule.missedRun(at("2026-01-10T07:59:00Z"), null)).contains(at("2026-01-10T02:00:00Z"));
        assertThat(schedule.missedRun(at("2026-01-10T08:01:00Z"), null)).isEmpty();
    }

    @Test
    void anEmptyTimeZoneMeansThisMachinesZone() {
        assertThat(new BatchSchedule(BatchSchedule.DEFAULT_CRON, "", "").zone()).isEqualTo(ZoneId.systemDefault());
    }

    @Test
    void unusableSettingsNameTheirKey() {
        assertThatThrownBy(() -> new BatchSchedule("0 0 25 * * ?", "UTC", ""))
                .isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("mp4drop.batch.cron")
                .hasMessageContaining("0 0 25 * * ?");
        assertThatThrownBy(() -> new BatchSchedule(" ", "UTC", ""))
                .isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("mp4drop.batch.cron");
        assertThatThrownBy(() -> new BatchSchedule(BatchSchedule.DEFAULT_CRON, "Europe/Atlantis", ""))
                .isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("mp4drop.batch.time-zone")
                .hasMessageContaining("Europe/Atlantis");
        assertThatThrownBy(() -> new BatchSchedule(BatchSchedule.DEFAULT_CRON, "UTC", "6am"))
                .isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("mp4drop.batch.window-end")
                .hasMessageContaining("HH:mm");
        assertThatThrownBy(() -> new BatchSchedule(BatchSchedule.DEFAULT_CRON, "UTC", "24:00"))
                .hasMessageContaining("mp4drop.batch.window-end");
    }
}
