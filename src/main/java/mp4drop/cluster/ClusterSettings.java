package mp4drop.cluster;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How this instance joins the cluster: the shared PostgreSQL, its own name, the leader lock's folder on the
 * shared disk, and how long a claimed job stays this instance's without a renewal.
 */
public record ClusterSettings(String jdbcUrl, String user, String password, String node, Path lockFolder,
        Duration lease, Duration leaseRenewal) {
}
