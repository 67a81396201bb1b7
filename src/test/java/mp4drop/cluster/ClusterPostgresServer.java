package mp4drop.cluster;

import java.util.concurrent.CountDownLatch;

/**
 * bench/cluster.sh's PostgreSQL: the tests' embedded server as a process. Prints {@code data <folder>} and
 * {@code jdbc <url>} once it answers (user and password: postgres); stops it, with its postgres processes,
 * on SIGTERM or Ctrl-C.
 */
public final class ClusterPostgresServer {
    private ClusterPostgresServer() {
    }

    public static void main(String[] args) throws Exception {
        ClusterPostgres postgres = new ClusterPostgres();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            postgres.close();
            stopped.countDown();
        }, "postgres-stop"));
        System.out.println("data " + postgres.dataDirectory());
        System.out.println("jdbc " + postgres.jdbcUrl());
        System.out.flush();
        stopped.await();
    }
}
