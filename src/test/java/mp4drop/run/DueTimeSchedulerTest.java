package mp4drop.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mp4drop.job.FileInstructions;
import mp4drop.job.FileJobStore;
import mp4drop.job.Job;
import mp4drop.job.JobStore;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job tick wakes for a waiting job's due time, not on its next round: with a tick of an hour, a job due in
 * a moment is handed back once, not before it is due, also when the store was just read from the state folder
 * (a restart).
 */
class DueTimeSchedulerTest {
    private static final long HOUR = 3_600_000;
    @TempDir
    Path state;

    @Test
    void aWaitingJobIsHandedBackOnceWhenDueAfterARestart() throws Exception {
        FileJobStore before = new FileJobStore(state, Clock.systemUTC());
        Job waiting = before.create(state.resolve("clip.avi"), 10, "sha-1",
                new FileInstructions("nemo", "Convert", "default", Path.of(""))).orElseThrow();
        Instant due = Instant.now().plusMillis(700);
        waiting.parkUntil(due);
        before.save(waiting);

        FileJobStore restarted = new FileJobStore(state, Clock.systemUTC());
        BlockingQueue<Instant> handedBack = new LinkedBlockingQueue<>();
        try (CamelContext camel = tickOver(restarted, handedBack)) {
            Instant first = handedBack.poll(10, TimeUnit.SECONDS);
            assertThat(first).as("handed back long before the hour's tick").isNotNull();
            assertThat(first).as("not before it is due").isAfterOrEqualTo(due);
            assertThat(handedBack.poll(1, TimeUnit.SECONDS)).as("handed back once").isNull();
        }
    }

    @Test
    void aJobLetGoWithAnEarlierDueTimeBringsTheNextLookForward() throws Exception {
        FileJobStore jobs = new FileJobStore(state, Clock.systemUTC());
        BlockingQueue<Instant> handedBack = new LinkedBlockingQueue<>();
        try (CamelContext camel = tickOver(jobs, handedBack)) {
            // the first look, at start, finds nothing; the next round would be in an hour
            Job job = jobs.create(state.resolve("clip.avi"), 10, "sha-1",
                    new FileInstructions("nemo", "Convert", "default", Path.of(""))).orElseThrow();
            Instant due = Instant.now().plusMillis(300);
            job.parkUntil(due);
            jobs.save(job);
            jobs.release(job);

            Instant back = handedBack.poll(10, TimeUnit.SECONDS);
            assertThat(back).as("handed back long before the hour's tick").isNotNull().isAfterOrEqualTo(due);
            assertThat(handedBack.poll(1, TimeUnit.SECONDS)).as("handed back once").isNull();
        }
    }

    /** The job-tick route's shape: each due job is noted and, as a pass that waits again, parked for an hour. */
    private static CamelContext tickOver(JobStore jobs, BlockingQueue<Instant> handedBack) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.getRegistry().bind("jobTickScheduler", new DueTimeScheduler(jobs));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("scheduler:job-tick?scheduler=#jobTickScheduler&delay=" + HOUR).process(exchange -> {
                    List<Job> due = jobs.claimDue();
                    for (Job job : due) {
                        handedBack.add(Instant.now());
                        job.parkUntil(Instant.now().plusMillis(HOUR));
                        jobs.save(job);
                        jobs.release(job);
                    }
                });
            }
        });
        camel.start();
        return camel;
    }
}
