package mp4drop.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import mp4drop.batch.BatchSchedule;
import mp4drop.batch.LastBatchRun;
import mp4drop.batch.NightlyBatch;
import mp4drop.cloud.CloudSteps;
import mp4drop.cloud.CloudTimings;
import mp4drop.cluster.Cluster;
import mp4drop.cluster.ClusterMetrics;
import mp4drop.cluster.ClusterSettings;
import mp4drop.cluster.DatabaseSecrets;
import mp4drop.cluster.NodeName;
import mp4drop.cluster.PostgresJobStore;
import mp4drop.cloud.LocalFallback;
import mp4drop.cloud.Repackager;
import mp4drop.inbox.FolderInstructions;
import mp4drop.inbox.InboxFilter;
import mp4drop.inbox.Intake;
import mp4drop.job.FileJobStore;
import mp4drop.job.JobStore;
import mp4drop.job.JsonMapping;
import mp4drop.local.FfmpegProcesses;
import mp4drop.local.FfmpegRun;
import mp4drop.local.LocalConverter;
import mp4drop.local.LocalSteps;
import mp4drop.local.RemoteVideo;
import mp4drop.local.ScratchFolder;
import mp4drop.nemo.NemoClient;
import mp4drop.nemo.NemoOptions;
import mp4drop.notify.Webhook;
import mp4drop.outbox.DeadLetter;
import mp4drop.outbox.Originals;
import mp4drop.outbox.Outbox;
import mp4drop.report.Mp4dropMetrics;
import mp4drop.run.DueTimeScheduler;
import mp4drop.run.EngineChoice;
import mp4drop.run.RunMonitor;
import mp4drop.run.RunState;
import mp4drop.web.WebAccess;
import mp4drop.web.WebBeans;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Predicate;
import org.apache.camel.model.Model;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.OnCamelContextStopped;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

/**
 * Builds the beans the routes call, from the settings in config/application.properties (or the
 * environment). Start-up fails here, with the key's name, when a setting cannot be used. What a start finds
 * out about this machine (the API, FFmpeg) is {@link StartupChecks}'s; the work a run does before its first
 * file is {@link BeforeFirstFile}'s.
 */
public final class Mp4dropBeans implements CamelConfiguration {
    @Override
    public void configure(CamelContext context) throws Exception {
        TypedProperties settings = new TypedProperties(key -> context.getPropertiesComponent().resolveProperty(key));
        WorkFolders folders = WorkFolders.prepare(settings);
        JobStore jobs = jobStore(context, settings, folders);
        List<String> extensions = settings.list("mp4drop.extensions");
        Mp4dropMetrics metrics = new Mp4dropMetrics(jobs);
        context.addStartupListener((started, alreadyStarted) -> Optional
                .ofNullable(started.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class))
                .ifPresent(registry -> {
                    metrics.publishTo(registry);
                    if (jobs instanceof PostgresJobStore clustered) {
                        new ClusterMetrics(clustered).publishTo(registry);
                    }
                }));
        Webhook webhook = webhook(context, settings);
        // "local": a file the cloud cannot take is converted on this machine (SettingRules checked the value)
        boolean fallbackLocal = settings.text("mp4drop.engine.fallback").equals("local");
        RunState run = new RunState(jobs, metrics, webhook, settings.count("mp4drop.credits.per-file"),
                fallbackLocal);
        // the paths the inbox consumer took; a path is forgotten when its original leaves the inbox
        IdempotentRepository inboxTaken = MemoryIdempotentRepository.memoryIdempotentRepository();
        context.getRegistry().bind("inboxTaken", inboxTaken);
        Originals originals = new Originals(jobs, inboxTaken);
        Outbox outbox = new Outbox(folders.outbox(), folders.archive(), jobs, run, originals);

        FfmpegProcesses ffmpegProcesses = new FfmpegProcesses();
        context.addService(ffmpegProcesses);
        ExecutorService startup = context.getExecutorServiceManager().newSingleThreadExecutor(this, "ffmpeg-check");
        CompletableFuture<LocalConverter> converter =
                StartupChecks.findFfmpeg(settings, folders.state(), ffmpegProcesses, startup);
        converter.whenComplete((found, failed) -> context.getExecutorServiceManager().shutdown(startup));
        Supplier<LocalConverter> ffmpeg = converter::join;

        NemoOptions nemoSettings = NemoKeys.from(settings, folders.state());
        ScheduledExecutorService watchdogs =
                context.getExecutorServiceManager().newScheduledThreadPool(this, "stream-watchdog", 1);
        NemoClient nemo = jobs instanceof PostgresJobStore clustered
                ? new NemoClient(nemoSettings, DatabaseSecrets.beside(clustered), watchdogs)
                : new NemoClient(nemoSettings, watchdogs);
        context.addLifecycleStrategy(LifecycleStrategySupport.adapt((OnCamelContextStopped) stopped -> nemo.close()));
        EngineChoice engine = StartupChecks.chooseEngine(settings, nemoSettings, nemo);
        Supplier<FfmpegRun> ffmpegRun = () -> ffmpeg.get().run();
        // temporary copies of originals: a link's download for the local engine, a repackaged upload for the cloud
        ScratchFolder downloads = new ScratchFolder(folders.state().resolve("downloads"));
        ScratchFolder repackaged = new ScratchFolder(folders.state().resolve("repackaged"));
        context.addService(downloads);
        context.addService(repackaged);
        RemoteVideo links = new RemoteVideo(ffmpegRun, downloads, settings.bytes("mp4drop.links.max-size"),
                settings.duration("mp4drop.links.stall-timeout"));

        if (settings.bool("mp4drop.routes.reload")) {
            context.addService(new CheckedRouteReload("routes"));
        }

        Registry registry = context.getRegistry();
        registry.bind("jobs", jobs);
        registry.bind("jobTickScheduler", new DueTimeScheduler(jobs));
        registry.bind("runState", run);
        registry.bind("outbox", outbox);
        registry.bind("inboxFilter", new InboxFilter(jobs, settings.duration("mp4drop.inbox.stable-time")));
        boolean once = settings.bool("mp4drop.once");
        // a cluster's Quartz keeps the next fire time in the database and fires a missed run once by itself
        context.getPropertiesComponent().addOverrideProperty("mp4drop.batch.catch-up",
                String.valueOf(!once && !(jobs instanceof PostgresJobStore)));
        Consumer<Integer> creditEstimate = files -> {
            if (engine.engine().equals("nemo")) {
                run.startCreditBudget(files, () -> nemo.credits().available());
            }
        };
        context.addStartupListener(new BeforeFirstFile(converter, outbox, once, folders.inbox(), extensions,
                creditEstimate));
        String instruction = settings.text("mp4drop.instruction");
        registry.bind("intake", new Intake(jobs, ffmpeg,
                new FolderInstructions(folders.inbox(), engine.engine(), instruction),
                new FolderInstructions(folders.batch(), engine.engine(), instruction),
                settings.bytesOrUnlimited("mp4drop.max-file-size"),
                settings.bool("mp4drop.reconvert-duplicates"), links));
        registry.bind("deadLetter", new DeadLetter(folders.failed(), jobs, run, originals));
        // the failure policy's question; asked as ${camelContext.stopping}, it had Camel look through the 346
        // methods of the context for every route while they loaded: 0.35 to 0.9 s of every start
        registry.bind("stopping", (Predicate) exchange -> exchange.getContext().isStopping());
        registry.bind("cloud", new CloudSteps(nemo, jobs, outbox, cloudTimings(settings), ffmpeg,
                new Repackager(ffmpegRun, repackaged, settings.bytes("nemo.max-upload-size"))));
        LocalFallback fallback = new LocalFallback(fallbackLocal, jobs, run);
        registry.bind("fallback", fallback);
        registry.bind("fallbackApplies", fallback.appliesToError());
        registry.bind("local", new LocalSteps(ffmpeg, jobs, outbox, localConcurrency(settings), links));
        NightlyBatch nightly = nightlyBatch(context, settings, folders, extensions, creditEstimate);
        registry.bind("batch", nightly);
        registry.bind("batchThreads", context.getExecutorServiceManager()
                .newFixedThreadPool(this, "batch", settings.count("mp4drop.concurrency")));
        registry.bind("runMonitor", new RunMonitor(once, folders.inbox(), extensions, jobs, run, webhook, context));

        // the web page and its JSON API (routes/70-web.camel.yaml), on the HTTP server of /observe
        boolean webOn = settings.bool("camel.management.enabled");
        context.getPropertiesComponent().addOverrideProperty("mp4drop.web.off", String.valueOf(!webOn));
        if (!webOn) {
            // the REST DSL makes the OpenAPI document's route whether or not its doors are disabled
            context.getCamelContextExtension().getContextPlugin(Model.class).setRouteFilterPattern(null, "web-openapi");
        }
        WebBeans.bind(context, WebAccess.forServer(settings.text("camel.management.host"),
                        settings.optional("mp4drop.web.token").orElse(""), webOn),
                new WebBeans.UploadLimits(settings.count("mp4drop.web.uploads-at-once"),
                        settings.duration("mp4drop.web.upload-window"), settings.bytes("mp4drop.web.upload-min-rate")),
                folders.inbox(), folders.outbox(), folders.failed(), extensions,
                settings.bytesOrUnlimited("mp4drop.max-file-size"),
                jobs, engine.engine(),
                engine.engine().equals("nemo") ? Optional.of(() -> nemo.credits().available()) : Optional.empty(),
                () -> once ? Optional.empty() : nightly.nextRun());
    }

    /**
     * The state folder's records on a single machine; with mp4drop.cluster.jdbc-url, the cluster's
     * PostgreSQL. The routes see which through mp4drop.cluster.enabled and mp4drop.cluster.intake.
     */
    private static JobStore jobStore(CamelContext context, TypedProperties settings, WorkFolders folders)
            throws Exception {
        Optional<String> jdbcUrl = settings.optional("mp4drop.cluster.jdbc-url").filter(url -> !url.isBlank());
        context.getPropertiesComponent().addOverrideProperty("mp4drop.cluster.enabled",
                String.valueOf(jdbcUrl.isPresent()));
        if (jdbcUrl.isEmpty()) {
            context.getPropertiesComponent().addOverrideProperty("mp4drop.cluster.intake", "");
            return new FileJobStore(folders.state(), Clock.systemUTC());
        }
        context.getPropertiesComponent().addOverrideProperty("mp4drop.cluster.intake", Cluster.LEADER_ONLY);
        String node = NodeName.of(settings.optional("mp4drop.cluster.node").orElse(""), folders.state());
        context.getPropertiesComponent().addOverrideProperty("mp4drop.cluster.node", node);
        ClusterSettings cluster = new ClusterSettings(jdbcUrl.get(),
                settings.optional("mp4drop.cluster.user").orElse(""),
                settings.optional("mp4drop.cluster.password").orElse(""), node,
                settings.folder("mp4drop.cluster.lock-folder"),
                settings.duration("mp4drop.cluster.lease"), settings.duration("mp4drop.cluster.lease-renewal"));
        return Cluster.join(context, cluster, folders.state(), settings.count("mp4drop.concurrency"),
                localConcurrency(settings));
    }

    /**
     * The sender RunState hands events to, and what routes/60-notify.camel.yaml calls: the webhook bean,
     * the app's JSON mapper, and the checked URL (empty when off, which leaves the route out).
     */
    public static Webhook webhook(CamelContext context, TypedProperties settings) throws Exception {
        Webhook webhook = new Webhook(settings.optional("mp4drop.webhook.url").isPresent()
                ? settings.url("mp4drop.webhook.url") : null, context);
        context.getPropertiesComponent().addOverrideProperty("mp4drop.webhook.url", webhook.url());
        context.getRegistry().bind("webhook", webhook);
        context.getRegistry().bind("jsonMapper", JsonMapping.MAPPER);
        context.addService(webhook);
        return webhook;
    }

    private static NightlyBatch nightlyBatch(CamelContext context, TypedProperties settings, WorkFolders folders,
            List<String> extensions, Consumer<Integer> creditEstimate) {
        String zone = settings.optional("mp4drop.batch.time-zone").orElse(ZoneId.systemDefault().getId());
        // the route's Quartz trigger reads the same key: give it the zone that was chosen here
        context.getPropertiesComponent().addOverrideProperty("mp4drop.batch.time-zone", zone);
        BatchSchedule schedule = new BatchSchedule(settings.text("mp4drop.batch.cron"), zone,
                settings.optional("mp4drop.batch.window-end").orElse(""));
        return new NightlyBatch(folders.batch(), extensions, settings.duration("mp4drop.inbox.stable-time"),
                schedule, new LastBatchRun(folders.state()), Clock.systemUTC(), creditEstimate);
    }

    private static CloudTimings cloudTimings(TypedProperties settings) {
        return new CloudTimings(
                settings.duration("mp4drop.draft.first-check"),
                settings.duration("mp4drop.draft.check-interval"),
                settings.count("mp4drop.draft.max-unchanged-checks"),
                settings.duration("mp4drop.render.poll-interval"),
                settings.count("mp4drop.render.max-polls"),
                settings.count("mp4drop.render.max-submissions"),
                settings.count("mp4drop.retry.max-attempts"),
                settings.duration("mp4drop.retry.first-delay"),
                settings.duration("mp4drop.retry.max-delay"));
    }

    private static int localConcurrency(TypedProperties settings) {
        return settings.optional("mp4drop.local.concurrency").isPresent()
                ? settings.count("mp4drop.local.concurrency") : LocalConverter.defaultConcurrency();
    }
}
