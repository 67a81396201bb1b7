package mp4drop.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** What /observe/metrics adds in a cluster: the jobs this instance holds, to be told apart from the others'. */
public final class ClusterMetrics {
    private final PostgresJobStore jobs;

    public ClusterMetrics(PostgresJobStore jobs) {
        this.jobs = jobs;
    }

    /** mp4drop_jobs_held{node}: the jobs this instance works on now. */
    public void publishTo(MeterRegistry registry) {
        Gauge.builder("mp4drop.jobs.held", jobs, PostgresJobStore::heldCount).tag("node", jobs.node())
                .description("jobs this instance of the cluster works on now").register(registry);
    }
}
