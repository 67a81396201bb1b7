package mp4drop.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.camel.Service;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's PostgreSQL: a pool, the schema brought up to date by Flyway at start-up, and what happens
 * while the server is away. Then the work that must not be lost (a save, a new job) waits for it, logged
 * once when it goes and once when it is back; what can be skipped (a claim, a heartbeat) is skipped.
 */
public final class ClusterDatabase implements AutoCloseable, Service {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final HikariDataSource pool;
    private final AtomicBoolean away = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Runnable onBack = () -> { };

    private ClusterDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Connects and applies the migrations this version has not applied yet (db/migration). */
    public static ClusterDatabase open(ClusterSettings settings, int connections) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(connections);
        config.setPoolName("mp4drop-cluster");
        // an unreachable server shows within seconds, so nothing waits long on a dead connection
        config.setConnectionTimeout(3000);
        config.setValidationTimeout(2000);
        config.addDataSourceProperty("connectTimeout", "3");
        config.addDataSourceProperty("socketTimeout", "30");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new ClusterDatabase(pool);
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Called each time the server answers again after it was away. */
    void onBack(Runnable listener) {
        onBack = listener;
    }

    /** Runs the work, waiting for the server as long as it is away; errors other than its absence are thrown. */
    <T> T waitFor(SqlWork<T> work) {
        while (true) {
            Optional<T> done = attempt(work);
            if (done.isPresent()) {
                return done.get();
            }
            if (closed.get()) {
                throw new IllegalStateException("mp4drop is stopping while the cluster database is away");
            }
            try {
                Thread.sleep(RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the cluster database", e);
            }
        }
    }

    /** Runs the work once; empty when the server is away (the work returns a value, never null). */
    <T> Optional<T> attempt(SqlWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                back();
                return Optional.of(result);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            if (!unreachable(e)) {
                throw new IllegalStateException("The cluster database refused a statement: " + e.getMessage(), e);
            }
            if (away.compareAndSet(false, true)) {
                LOG.warn("Cluster database unreachable ({}): no new jobs are claimed; jobs in hand wait for it",
                        e.getMessage());
            }
            return Optional.empty();
        }
    }

    boolean away() {
        return away.get();
    }

    private void back() {
        if (away.compareAndSet(true, false)) {
            LOG.info("Cluster database reachable again: claiming jobs again");
            onBack.run();
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone with the server: nothing was committed
        }
    }

    /** Connection failures (class 08), the server shutting down or starting (57P0x), or no pooled connection. */
    static boolean unreachable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void start() {
        // open() made it ready: Camel only stops it, after the routes
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public void close() {
        closed.set(true);
        pool.close();
    }
}
