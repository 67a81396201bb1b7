package mp4drop.cloud;

import java.time.Instant;
import java.util.Map;
import mp4drop.job.Job;

/**
 * One pass of a job through routes/20-cloud.camel.yaml: the job, and the properties of the exchange it
 * travels on. A step that decides the job must wait sets the due time in the job record (the job tick
 * brings it back then) and the decision on the exchange only, where the route's filters read it: the
 * later steps of this pass leave the job alone, and the next pass starts without it.
 */
record Pass(Job job, Map<String, Object> exchangeProperties) {
    /** The exchange property the filters of routes/20-cloud.camel.yaml read. */
    static final String WAITING = "waiting";

    void waitUntil(Instant when) {
        job.parkUntil(when);
        exchangeProperties.put(WAITING, Boolean.TRUE);
    }
}
