package mp4drop.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import mp4drop.batch.BatchSchedule;
import mp4drop.batch.LastBatchRun;
import mp4drop.batch.NightlyBatch;
import mp4drop.cloud.CloudSteps;
import mp4drop.cloud.CloudTimings;
import mp4drop.cloud.LocalFallback;
import mp4drop.failure.InvalidSetting;
import mp4drop.inbox.FolderInstructions;
import mp4drop.inbox.InboxFilter;
import mp4drop.inbox.Intake;
import mp4drop.job.JobStore;
import mp4drop.job.JsonMapping;
import mp4drop.local.FfmpegBinary;
import mp4drop.local.FfmpegProcesses;
import mp4drop.local.LocalConverter;
import mp4drop.local.LocalSteps;
import mp4drop.local.LocalTiming;
import mp4drop.nemo.NemoClient;
import mp4drop.nemo.NemoOptions;
import mp4drop.notify.Webhook;
import mp4drop.outbox.DeadLetter;
import mp4drop.outbox.Outbox;
import mp4drop.report.Mp4dropMetrics;
import mp4drop.run.EngineChoice;
import mp4drop.run.RunMonitor;
import mp4drop.run.RunState;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the beans the routes call, from the settings in config/application.properties (or the
 * environment). Start-up fails here, with the key's name, when a setting cannot be used. The work a run
 * does before its first file is {@link BeforeFirstFile}'s.
 */
public final class Mp4dropBeans implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");

    @Override
    public void configure(CamelContext context) throws Exception {
        TypedProperties settings = new TypedProperties(key -> context.getPropertiesComponent().resolveProperty(key));
        WorkFolders folders = WorkFolders.prepare(settings);
        JobStore jobs = new JobStore(folders.state(), Clock.systemUTC());
        List<String> extensions = settings.list("mp4drop.extensions");
        Mp4dropMetrics metrics = new Mp4dropMetrics(jobs);
        context.addStartupListener((started, alreadyStarted) -> Optional
                .ofNullable(started.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class))
                .ifPresent(metrics::publishTo));
        Webhook webhook = webhook(context, settings.optional("mp4drop.webhook.url").orElse(""));
        boolean fallbackLocal = fallbackLocal(settings.text("mp4drop.engine.fallback"));
        RunState run = new RunState(jobs, metrics, webhook, settings.count("mp4drop.credits.per-file"),
                fallbackLocal);
        Outbox outbox = new Outbox(folders.outbox(), folders.archive(), jobs, run);

        NemoOptions nemoSettings = NemoKeys.from(settings, folders.state());
        NemoClient nemo = new NemoClient(nemoSettings,
                context.getExecutorServiceManager().newScheduledThreadPool(this, "stream-watchdog", 1));
        EngineChoice engine = chooseEngine(settings, nemoSettings, nemo);
        // Both engines need FFmpeg now: every file is probed on this machine before any network call.
        Supplier<LocalConverter> ffmpeg = localConverter(settings, folders.state());
        ffmpeg.get();

        if (Boolean.parseBoolean(settings.text("mp4drop.routes.reload"))) {
            context.addService(new CheckedRouteReload("routes"));
        }

        Registry registry = context.getRegistry();
        registry.bind("jobs", jobs);
        registry.bind("runState", run);
        registry.bind("outbox", outbox);
        registry.bind("inboxFilter", new InboxFilter(jobs));
        boolean once = Boolean.parseBoolean(settings.optional("mp4drop.once").orElse("false"));
        Consumer<Integer> creditEstimate = files -> {
            if (engine.engine().equals("nemo")) {
                run.startCreditBudget(files, () -> nemo.credits().available());
            }
        };
        context.addStartupListener(new BeforeFirstFile(outbox, once, folders.inbox(), extensions, creditEstimate));
        String instruction = settings.text("mp4drop.instruction");
        registry.bind("intake", new Intake(jobs, ffmpeg,
                new FolderInstructions(folders.inbox(), engine.engine(), instruction),
                new FolderInstructions(folders.batch(), engine.engine(), instruction),
                settings.bytes("mp4drop.max-file-size"),
                Boolean.parseBoolean(settings.text("mp4drop.reconvert-duplicates"))));
        registry.bind("deadLetter", new DeadLetter(folders.failed(), jobs, run));
        registry.bind("cloud", new CloudSteps(nemo, jobs, outbox, cloudTimings(settings), ffmpeg));
        registry.bind("fallback", new LocalFallback(fallbackLocal, jobs, run));
        registry.bind("local", new LocalSteps(ffmpeg, jobs, outbox, localConcurrency(settings)));
        registry.bind("batch", nightlyBatch(context, settings, folders, extensions, creditEstimate));
        registry.bind("batchThreads", context.getExecutorServiceManager()
                .newFixedThreadPool(this, "batch", settings.count("mp4drop.concurrency")));
        registry.bind("runMonitor", new RunMonitor(once, folders.inbox(), extensions, jobs, run, webhook, context));
    }

    /**
     * The sender RunState hands events to, and what routes/60-notify.camel.yaml calls: the webhook bean,
     * the app's JSON mapper, and the checked URL (empty when off, which leaves the route out).
     */
    public static Webhook webhook(CamelContext context, String url) throws Exception {
        Webhook webhook = new Webhook(url, context);
        context.getPropertiesComponent().addOverrideProperty("mp4drop.webhook.url", webhook.url());
        context.getRegistry().bind("webhook", webhook);
        context.getRegistry().bind("jsonMapper", JsonMapping.MAPPER);
        context.addService(webhook);
        return webhook;
    }

    /**
     * The engine for files whose folder names none: chosen here, in the wiring, because the intake and the
     * local steps are built for it. It asks the API whether it answers (for "nemo", and for "auto" without
     * a token).
     */
    private static EngineChoice chooseEngine(TypedProperties settings, NemoOptions nemoSettings, NemoClient nemo) {
        EngineChoice engine = EngineChoice.decide(settings.text("mp4drop.engine"), nemoSettings.userToken() != null,
                nemoSettings.apiBase().getHost(), () -> nemo.reachable(settings.duration("nemo.probe-timeout")));
        LOG.info("Engine: {} ({})", engine.engine(), engine.reason());
        return engine;
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

    /** What the cloud engine does when it cannot take a file: "local" converts it on this machine. */
    private static boolean fallbackLocal(String fallback) {
        return switch (fallback) {
            case "local" -> true;
            case "none" -> false;
            default -> throw new InvalidSetting("mp4drop.engine.fallback", fallback, "local or none");
        };
    }

    private static int localConcurrency(TypedProperties settings) {
        return settings.optional("mp4drop.local.concurrency").isPresent()
                ? settings.count("mp4drop.local.concurrency") : LocalConverter.defaultConcurrency();
    }

    private static Supplier<LocalConverter> localConverter(TypedProperties settings, Path state) {
        String configured = settings.optional("mp4drop.ffmpeg").orElse(null);
        LocalTiming timing = new LocalTiming(Double.parseDouble(settings.text("mp4drop.local.time-limit-factor")),
                settings.duration("mp4drop.local.minimum-time-limit"));
        return new Memoized<>(() -> {
            FfmpegBinary ffmpeg = FfmpegBinary.locate(configured, state);
            LOG.info("FFmpeg: {} ({})", ffmpeg.path(), ffmpeg.version());
            return new LocalConverter(ffmpeg, timing, FfmpegProcesses.withShutdownHook());
        });
    }
}
