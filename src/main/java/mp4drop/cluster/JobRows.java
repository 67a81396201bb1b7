package mp4drop.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import mp4drop.job.Job;
import mp4drop.job.JsonMapping;

/**
 * The cluster's tables as the Java side sees them: a job is the JSON document of its row, statements take
 * their values in order, instants are stored in UTC. Shared by the job store, the secrets, the upgrade of a
 * single machine's records and the status report.
 */
final class JobRows {
    private JobRows() {
    }

    static List<Job> query(Connection c, String sql, Object... values) throws SQLException {
        List<Job> jobs = new ArrayList<>();
        try (PreparedStatement statement = prepared(c, sql, values); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                jobs.add(job(rows.getString(1)));
            }
        }
        return jobs;
    }

    static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = prepared(c, sql, values)) {
            return statement.executeUpdate();
        }
    }

    static PreparedStatement prepared(Connection c, String sql, Object... values) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return statement;
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static String json(Job job) {
        try {
            return JsonMapping.MAPPER.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job " + job.getId() + " cannot be written as JSON", e);
        }
    }

    static Job job(String json) throws SQLException {
        try {
            return JsonMapping.MAPPER.readValue(json, Job.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("a job row holds no readable job: " + e.getOriginalMessage(), e);
        }
    }
}
