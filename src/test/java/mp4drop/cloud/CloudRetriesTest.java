package mp4drop.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import mp4drop.job.Job;
import mp4drop.job.FileJobStore;
import mp4drop.job.JobStore;
import mp4drop.job.Jobs;
import mp4drop.job.Stage;
import mp4drop.nemo.OutOfCreditsException;
import mp4drop.nemo.RateLimitedException;
import mp4drop.nemo.SessionLostException;
import mp4drop.nemo.TransientApiException;
import mp4drop.run.StopSpending;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retry decisions: the job waits (due time in the record, the decision on the exchange), or the error goes up. */
class CloudRetriesTest {
    static final Instant NOW = Instant.parse("2026-01-10T02:00:00Z");

    @TempDir
    Path state;

    JobStore jobs;
    CloudRetries retries;
    Job job;
    Map<String, Object> exchangeProperties;

    @BeforeEach
    void setUp() {
        jobs = new FileJobStore(state, Clock.fixed(NOW, ZoneOffset.UTC));
        retries = new CloudRetries(jobs, new CloudTimings(Duration.ofSeconds(30), Duration.ofSeconds(60), 5,
                Duration.ofSeconds(30), 10, 2, 2, Duration.ofSeconds(2), Duration.ofSeconds(60)));
        job = Jobs.job("clip.avi", Stage.INSTRUCTED);
        exchangeProperties = new HashMap<>();
    }

    @Test
    void aNetworkErrorWaitsWithBackoffThenGoesUp() {
        retries.guarded(pass(), () -> {
            throw transientError();
        });
        assertThat(exchangeProperties).containsEntry(Pass.WAITING, true);
        assertThat(job.getTransientErrors()).isEqualTo(1);
        assertThat(job.getNextCheckAt()).isEqualTo(NOW.plusSeconds(2));

        retries.guarded(pass(), () -> {
            throw transientError();
        });
        assertThat(job.getNextCheckAt()).isEqualTo(NOW.plusSeconds(4));

        assertThatThrownBy(() -> retries.guarded(pass(), () -> {
            throw transientError();
        })).isInstanceOf(TransientApiException.class);
    }

    @Test
    void aRateLimitWaitsAsAskedOnce() {
        RateLimitedException slowDown = new RateLimitedException("state", "http-429", "slow down", "", null, 429,
                Duration.ofSeconds(7));
        retries.guarded(pass(), () -> {
            throw slowDown;
        });
        assertThat(exchangeProperties).containsEntry(Pass.WAITING, true);
        assertThat(job.getNextCheckAt()).isEqualTo(NOW.plusSeconds(7));

        assertThatThrownBy(() -> retries.guarded(pass(), () -> {
            throw slowDown;
        })).isSameAs(slowDown);
    }

    @Test
    void aLostSessionStartsOverOnce() {
        job = Jobs.job("clip.avi", Stage.RENDERING, "sessionId", "s-1", "renderId", "r-1");
        SessionLostException lost = new SessionLostException("state", "gone", "", 200);
        retries.guarded(pass(), () -> {
            throw lost;
        });
        assertThat(job.getStage()).isEqualTo(Stage.NEW);
        assertThat(job.getSessionId()).isNull();
        assertThat(job.getRenderId()).isNull();
        assertThat(exchangeProperties).containsEntry(Pass.WAITING, true);

        assertThatThrownBy(() -> retries.guarded(pass(), () -> {
            throw lost;
        })).isSameAs(lost);
    }

    @Test
    void outOfCreditsStopsSpendingWithoutWaiting() {
        assertThatThrownBy(() -> retries.guarded(pass(), () -> {
            throw new OutOfCreditsException("session", "No credits left", "Register", 200, null);
        })).isInstanceOf(StopSpending.class);
        assertThat(exchangeProperties).doesNotContainKey(Pass.WAITING);
    }

    @Test
    void aStepThatWorksLeavesThePassGoingOn() {
        retries.guarded(pass(), () -> job.draftReady(null));
        assertThat(exchangeProperties).doesNotContainKey(Pass.WAITING);
    }

    private Pass pass() {
        return new Pass(job, exchangeProperties);
    }

    private static TransientApiException transientError() {
        return new TransientApiException("state", "http-503", "server error", "", null, 503, null);
    }
}
