package mp4drop.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mp4drop.job.FileInstructions;
import mp4drop.job.FileJobStore;
import mp4drop.job.Job;
import mp4drop.job.Jobs;
import mp4drop.job.LeaseLost;
import mp4drop.job.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresJobStoreTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static ClusterPostgres postgres;
    private final List<ClusterDatabase> opened = new ArrayList<>();
    @TempDir
    Path tmp;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = new ClusterPostgres();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void emptyTables() {
        database("cleaner", LEASE).waitFor(c -> JobRows.update(c,
                "TRUNCATE mp4drop_job, mp4drop_instance, mp4drop_secret"));
    }

    @AfterEach
    void closePools() {
        opened.forEach(ClusterDatabase::close);
    }

    @Test
    void aHeldJobIsNobodyElsesAndAReleasedDueJobIsAnyones() {
        PostgresJobStore a = store("a", LEASE, 4);
        PostgresJobStore b = store("b", LEASE, 4);
        Job job = a.create(tmp.resolve("clip.avi"), 10, "sha-1", nemo()).orElseThrow();

        assertThat(b.claimDue()).isEmpty();
        assertThat(b.unfinishedFor(tmp.resolve("clip.avi"))).isPresent();
        a.release(job);
        List<Job> claimed = b.claimDue();

        assertThat(claimed).extracting(j -> j.getId()).containsExactly(job.getId());
        assertThatThrownBy(() -> a.save(job)).isInstanceOf(LeaseLost.class);
        claimed.get(0).sessionOpened("t-1", "s-1");
        b.save(claimed.get(0));
        assertThat(b.owners()).containsEntry(job.getId(), "b");
    }

    @Test
    void aSecondTakeOfTheSameContentDoesNothing() {
        PostgresJobStore a = store("a", LEASE, 4);
        PostgresJobStore b = store("b", LEASE, 4);
        assertThat(a.create(tmp.resolve("clip.avi"), 10, "sha-1", nemo())).isPresent();

        assertThat(b.create(tmp.resolve("clip.avi"), 10, "sha-1", nemo())).isEmpty();
        assertThat(a.unfinishedCount()).isEqualTo(1);
    }

    @Test
    void aDeadOwnersJobIsTakenOverFromItsStageOnceItsLeaseRunsOut() throws Exception {
        PostgresJobStore dead = store("dead", Duration.ofSeconds(1), 4);
        PostgresJobStore alive = store("alive", Duration.ofSeconds(1), 4);
        Job job = dead.create(tmp.resolve("clip.avi"), 10, "sha-1", nemo()).orElseThrow();
        job.sessionOpened("t-1", "s-1");
        job.uploaded("https://cdn.example/clip.avi");
        job.instructionSent();
        dead.save(job);
        assertThat(alive.claimDue()).isEmpty();

        // time passes: the dead owner's 1 s lease runs out by the database's clock
        Thread.sleep(1500);
        List<Job> taken = alive.claimDue();

        assertThat(taken).singleElement().satisfies(j -> assertThat(j.getStage()).isEqualTo(Stage.INSTRUCTED));
        assertThatThrownBy(() -> dead.save(job)).isInstanceOf(LeaseLost.class);
    }

    @Test
    void anInstanceNeverClaimsAgainAJobItStillWorksOnEvenPastItsLease() throws Exception {
        PostgresJobStore owner = store("owner", Duration.ofSeconds(1), 4);
        Job job = owner.create(tmp.resolve("clip.avi"), 10, "sha-1", nemo()).orElseThrow();

        // time passes: the owner's own 1 s lease runs out while it still works on the job
        Thread.sleep(1500);

        assertThat(owner.claimDue()).isEmpty();
        owner.release(job);
        assertThat(owner.claimDue()).extracting(j -> j.getId()).containsExactly(job.getId());
    }

    @Test
    void aLiveOwnerThatRenewsKeepsItsJobPastTheLease() throws Exception {
        PostgresJobStore owner = store("owner", Duration.ofSeconds(1), 4);
        PostgresJobStore other = store("other", Duration.ofSeconds(1), 4);
        Job job = owner.create(tmp.resolve("clip.avi"), 10, "sha-1", nemo()).orElseThrow();

        for (int i = 0; i < 8; i++) {
            // a live owner renews at its pace, several times within each 1 s lease
            Thread.sleep(300);
            owner.renewLeases();
            assertThat(other.claimDue()).isEmpty();
        }
        job.encoded();
        owner.save(job);
    }

    @Test
    void twoCompetingClaimersTakeEachJobExactlyOnce() throws Exception {
        PostgresJobStore creator = store("creator", LEASE, 1000);
        for (int i = 0; i < 200; i++) {
            creator.release(creator.create(tmp.resolve("clip" + i + ".avi"), 10, "sha-" + i, nemo()).orElseThrow());
        }
        PostgresJobStore a = store("a", LEASE, 3);
        PostgresJobStore b = store("b", LEASE, 3);

        CompletableFuture<Set<String>> byA = CompletableFuture.supplyAsync(() -> claimAll(a));
        CompletableFuture<Set<String>> byB = CompletableFuture.supplyAsync(() -> claimAll(b));
        Set<String> idsA = byA.get(60, TimeUnit.SECONDS);
        Set<String> idsB = byB.get(60, TimeUnit.SECONDS);

        assertThat(idsA.size() + idsB.size()).isEqualTo(200);
        assertThat(idsA).doesNotContainAnyElementsOf(idsB);
    }

    @Test
    void anInstanceClaimsNoMoreThanItsConcurrencyAndLocalEncodesOnlyForItsLocalSlots() {
        PostgresJobStore creator = store("creator", LEASE, 100);
        for (int i = 0; i < 6; i++) {
            FileInstructions settings = i < 3 ? local() : nemo();
            creator.release(creator.create(tmp.resolve("clip" + i + ".avi"), 10, "sha-" + i, settings).orElseThrow());
        }
        PostgresJobStore small = new PostgresJobStore(database("small", LEASE), "small", LEASE, 3, 1,
                Clock.systemUTC());

        List<Job> first = small.claimDue();

        assertThat(first).hasSize(3);
        assertThat(first).filteredOn(j -> j.getEngine().equals("local")).hasSize(1);
        assertThat(small.claimDue()).isEmpty();
    }

    @Test
    void theJobRecordsOfASingleMachineMoveIntoTheDatabaseOnItsFirstClusteredStart() throws Exception {
        Path state = tmp.resolve("state");
        FileJobStore single = new FileJobStore(state, Clock.systemUTC());
        Job rendering = single.create(tmp.resolve("long.mov"), 10, "sha-long", nemo()).orElseThrow();
        Jobs.renderSubmitted(rendering, "render-1");
        single.save(rendering);
        Job done = single.create(tmp.resolve("short.mov"), 10, "sha-short", nemo()).orElseThrow();
        done.encoded();
        done.publishingAs(tmp.resolve("outbox/short.mp4"));
        done.published();
        single.save(done);

        int moved = JobRecordsUpgrade.moveIntoDatabase(state, database("upgrade", LEASE));
        PostgresJobStore cluster = store("a", LEASE, 4);

        assertThat(moved).isEqualTo(2);
        assertThat(Files.exists(state.resolve("jobs"))).isFalse();
        assertThat(cluster.claimDue()).singleElement()
                .satisfies(j -> assertThat(j.getRenderId()).isEqualTo("render-1"));
        assertThat(cluster.convertedBefore("sha-short")).get().extracting(j -> j.getOutput())
                .isEqualTo(done.getOutput());
        assertThat(JobRecordsUpgrade.moveIntoDatabase(state, database("again", LEASE))).isZero();
    }

    @Test
    void theDatabaseGoingAwayStopsClaimsAndHeldWorkGoesOnWhenItIsBack() throws Exception {
        PostgresJobStore a = store("a", LEASE, 4);
        Job held = a.create(tmp.resolve("clip.avi"), 10, "sha-1", nemo()).orElseThrow();
        postgres.stop();
        CompletableFuture<Void> save;
        try {
            assertThat(a.claimDue()).isEmpty();
            a.renewLeases();
            held.sessionOpened("t-1", "s-1");
            save = CompletableFuture.runAsync(() -> a.save(held));
            // time passes with the database away: the save keeps waiting for it, it does not give up
            Thread.sleep(3000);
            assertThat(save).isNotDone();
        } finally {
            postgres.start();
        }
        save.get(30, TimeUnit.SECONDS);

        assertThat(a.readAll()).singleElement().satisfies(j -> assertThat(j.getStage()).isEqualTo(Stage.SESSION_OPEN));
        a.release(held);
        assertThat(a.claimDue()).extracting(j -> j.getId()).containsExactly(held.getId());
    }

    @Test
    void instancesRacingForTheCloudIdentityKeepTheFirstClientId() {
        DatabaseSecrets a = new DatabaseSecrets(database("a", LEASE));
        DatabaseSecrets b = new DatabaseSecrets(database("b", LEASE));

        String kept = a.readOrKeep("client-id", "id-of-a");

        assertThat(b.readOrKeep("client-id", "id-of-b")).isEqualTo(kept).isEqualTo("id-of-a");
        b.write("token.json", "{\"token\":\"t\"}");
        assertThat(a.read("token.json")).contains("{\"token\":\"t\"}");
    }

    private static Set<String> claimAll(PostgresJobStore store) {
        Set<String> ids = new HashSet<>();
        int idle = 0;
        while (idle < 20) {
            List<Job> claimed = store.claimDue();
            idle = claimed.isEmpty() ? idle + 1 : 0;
            for (Job job : claimed) {
                assertThat(ids.add(job.getId())).isTrue();
                job.encoded();
                job.published();
                store.save(job);
                store.release(job);
            }
        }
        return ids;
    }

    private PostgresJobStore store(String node, Duration lease, int capacity) {
        return new PostgresJobStore(database(node, lease), node, lease, capacity, capacity, Clock.systemUTC());
    }

    private ClusterDatabase database(String node, Duration lease) {
        ClusterDatabase db = ClusterDatabase.open(postgres.settings(node, lease), 4);
        opened.add(db);
        return db;
    }

    private static FileInstructions nemo() {
        return new FileInstructions("nemo", "Convert", "default", Path.of(""));
    }

    private static FileInstructions local() {
        return new FileInstructions("local", "Convert", "default", Path.of(""));
    }
}
