package mp4drop;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import mp4drop.cli.StatusCommand;
import mp4drop.config.TypedProperties;
import mp4drop.cluster.ClusterPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real routes with mp4drop.cluster.jdbc-url set: the jobs in PostgreSQL, the inbox taken by the leader. */
class ClusterPipelineTest extends AgainstStandIn {
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static ClusterPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = new ClusterPostgres();
    }

    @BeforeEach
    void emptyDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "postgres")) {
            c.createStatement().execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        }
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void convertsEachFileOnceThroughTheDatabaseAndRecognisesItsContentLater() throws Exception {
        Pipeline pipeline = clustered();
        pipeline.drop("holiday.avi", TestVideos.video(1));
        pipeline.drop("wedding.mov", TestVideos.video(2));

        assertThat(pipeline.runOnce(LIMIT)).isZero();

        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("holiday.mp4", "wedding.mp4");
        assertThat(Pipeline.names(pipeline.archive)).containsExactly("holiday.avi", "wedding.mov");
        nemo.server.verify(2, postRequestedFor(urlEqualTo("/run_sse")));
        assertThat(Files.exists(pipeline.state.resolve("jobs"))).isFalse();
        Map<String, String> settings = new HashMap<>(pipeline.settings());
        settings.put("mp4drop.extensions", "avi,mov");
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        assertThat(StatusCommand.run(new TypedProperties(key -> Optional.ofNullable(settings.get(key))),
                new PrintStream(status, true, StandardCharsets.UTF_8))).isZero();
        assertThat(status.toString(StandardCharsets.UTF_8)).contains("Instances:").contains("test-node  last heartbeat");

        pipeline.drop("holiday again.avi", TestVideos.video(1));
        assertThat(pipeline.runOnce(LIMIT)).isZero();

        assertThat(Pipeline.names(pipeline.archive)).contains("holiday again.avi");
        nemo.server.verify(2, postRequestedFor(urlEqualTo("/run_sse")));
        // one cloud identity, kept in the database for every instance
        nemo.server.verify(1, postRequestedFor(urlEqualTo("/api/auth/anonymous-token")));
        assertThat(Pipeline.names(pipeline.state)).doesNotContain("client-id", "token.json");
    }

    @Test
    void theNightlyBatchRunsOnQuartzInTheClusterDatabase() throws Exception {
        Pipeline pipeline = clustered().set("mp4drop.batch.cron", "*/2 * * * * ?").set("mp4drop.batch.time-zone", "UTC");
        Path tape = Files.createDirectories(pipeline.batch).resolve("beach.avi");
        Files.write(tape, TestVideos.video(3));
        Files.setLastModifiedTime(tape, FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        pipeline.runWatching(Duration.ofSeconds(8));

        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("beach.mp4");
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "postgres");
                ResultSet rows = c.createStatement().executeQuery("SELECT instance_name FROM qrtz_scheduler_state")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("test-node");
        }
    }

    private Pipeline clustered() {
        return cloudPipeline()
                .set("mp4drop.cluster.jdbc-url", postgres.jdbcUrl())
                .set("mp4drop.cluster.user", "postgres")
                .set("mp4drop.cluster.password", "postgres")
                .set("mp4drop.cluster.node", "test-node")
                .set("mp4drop.cluster.lock-folder", root.resolve("lock").toString())
                .set("mp4drop.cluster.lease-renewal", "1s");
    }
}
