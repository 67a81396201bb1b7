package mp4drop.cluster;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import mp4drop.job.JobStore;
import org.apache.camel.CamelContext;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.quartz.QuartzComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance joining the cluster: the jobs in PostgreSQL (the state folder's records moved there on the
 * first clustered start), the leader lock for the inbox on the shared disk, and Quartz on the same database
 * so the nightly batch fires once across the cluster.
 */
public final class Cluster {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");
    /** What routes/10-inbox.camel.yaml puts before its file: URI, so only the leader takes files. */
    public static final String LEADER_ONLY = "master:intake:";

    private Cluster() {
    }

    /**
     * @param concurrency jobs this instance works on at once
     * @param localConcurrency of these, local encodes
     */
    public static PostgresJobStore join(CamelContext context, ClusterSettings settings, Path stateDir,
            int concurrency, int localConcurrency) throws Exception {
        ClusterDatabase db = ClusterDatabase.open(settings, concurrency + 4);
        context.addService(db, true, true);
        JobRecordsUpgrade.moveIntoDatabase(stateDir, db);
        PostgresJobStore jobs = new PostgresJobStore(db, settings.node(), settings.lease(), concurrency,
                localConcurrency, Clock.systemUTC());

        FileLockClusterService leaderLock = new FileLockClusterService();
        leaderLock.setId(settings.node());
        leaderLock.setRoot(settings.lockFolder().toString());
        leaderLock.setAcquireLockDelay(1, TimeUnit.SECONDS);
        leaderLock.setAcquireLockInterval(2, TimeUnit.SECONDS);
        context.addService(leaderLock);

        context.getComponent("quartz", QuartzComponent.class).setProperties(quartz(settings, context.getName()));
        // the URL's parameters may hold a password: only its address is logged
        LOG.info("Cluster: this instance is {}; jobs in {}; leader lock in {}", settings.node(),
                settings.jdbcUrl().replaceFirst("\\?.*", ""), settings.lockFolder());
        return jobs;
    }

    /** Quartz's JDBC job store, clustered: the scheduler name is the Camel context's, the same on every node. */
    static Properties quartz(ClusterSettings settings, String schedulerName) {
        Properties quartz = new Properties();
        quartz.setProperty("org.quartz.scheduler.instanceName", schedulerName);
        quartz.setProperty("org.quartz.scheduler.instanceId", settings.node());
        quartz.setProperty("org.quartz.threadPool.threadCount", "2");
        quartz.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        quartz.setProperty("org.quartz.jobStore.driverDelegateClass",
                "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        quartz.setProperty("org.quartz.jobStore.isClustered", "true");
        quartz.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        quartz.setProperty("org.quartz.jobStore.dataSource", "cluster");
        quartz.setProperty("org.quartz.dataSource.cluster.provider", "hikaricp");
        quartz.setProperty("org.quartz.dataSource.cluster.driver", "org.postgresql.Driver");
        quartz.setProperty("org.quartz.dataSource.cluster.URL", settings.jdbcUrl());
        quartz.setProperty("org.quartz.dataSource.cluster.user", settings.user());
        quartz.setProperty("org.quartz.dataSource.cluster.password", settings.password());
        quartz.setProperty("org.quartz.dataSource.cluster.maxConnections", "3");
        return quartz;
    }
}
