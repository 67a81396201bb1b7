package mp4drop.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mp4drop.job.Job;

/**
 * What {@code ./run.sh status} adds for a cluster: every instance with its last heartbeat and the files it
 * holds now. Read with one plain connection, changing nothing (no migration either).
 *
 * @param jobs      every job on record
 * @param instances each instance's last heartbeat, by name
 * @param holding   the names of the files each instance holds now, by instance
 */
public record ClusterStatus(List<Job> jobs, Map<String, Instant> instances, Map<String, List<String>> holding) {

    public static ClusterStatus read(String jdbcUrl, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            c.setReadOnly(true);
            List<Job> jobs = JobRows.query(c, "SELECT doc FROM mp4drop_job ORDER BY id");
            Map<String, Instant> instances = new LinkedHashMap<>();
            try (PreparedStatement statement = c.prepareStatement(
                    "SELECT node, heartbeat_at FROM mp4drop_instance ORDER BY node");
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    instances.put(rows.getString(1), rows.getTimestamp(2).toInstant());
                }
            }
            Map<String, List<String>> holding = new LinkedHashMap<>();
            try (PreparedStatement statement = c.prepareStatement("SELECT lease_owner, doc->>'name' FROM mp4drop_job "
                    + "WHERE NOT finished AND lease_owner IS NOT NULL ORDER BY id");
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    holding.computeIfAbsent(rows.getString(1), node -> new ArrayList<>()).add(rows.getString(2));
                }
            }
            return new ClusterStatus(jobs, instances, holding);
        }
    }

    public String render(Clock clock) {
        StringBuilder out = new StringBuilder("\nInstances:\n");
        int width = instances.keySet().stream().mapToInt(String::length).max().orElse(0);
        instances.forEach((node, heartbeat) -> {
            long seconds = Math.max(0, Duration.between(heartbeat, clock.instant()).toSeconds());
            List<String> files = holding.getOrDefault(node, List.of());
            out.append("  ").append(node).append(" ".repeat(width - node.length()))
                    .append("  last heartbeat ").append(seconds).append(" s ago");
            if (!files.isEmpty()) {
                out.append(", working on ").append(String.join(", ", files));
            }
            out.append('\n');
        });
        if (instances.isEmpty()) {
            out.append("  none has started yet\n");
        }
        return out.toString();
    }
}
