package mp4drop.web;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import mp4drop.job.JobStore;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/** The beans of routes/70-web.camel.yaml, made from what the rest of mp4drop already set up. */
public final class WebBeans {
    private static final Duration CREDITS_MAX_AGE = Duration.ofSeconds(60);

    private WebBeans() {
    }

    /** How many uploads at once, and how fast each must arrive (mp4drop.web.upload-* settings). */
    public record UploadLimits(int atOnce, Duration window, long minBytesPerSecond) {
    }

    /**
     * @param folders    inbox, outbox and failed folder
     * @param credits    the cloud balance; empty when the engine is local
     * @param nextBatch  when the nightly batch runs next; empty when it does not run
     */
    public static void bind(CamelContext context, WebAccess access, UploadLimits limits, Path inbox, Path outbox,
            Path failed, List<String> extensions, long maxFileSize, JobStore jobs, String engine,
            Optional<LongSupplier> credits, Supplier<Optional<Instant>> nextBatch) throws Exception {
        InboxUpload uploads = new InboxUpload(inbox, extensions, maxFileSize,
                new UploadPace(limits.window(), limits.minBytesPerSecond()));
        uploads.removeLeftovers();
        DoneVideos done = new DoneVideos(outbox);
        FailedFiles failedFiles = new FailedFiles(failed, inbox, Clock.systemUTC());
        Registry registry = context.getRegistry();
        registry.bind("webAccess", access);
        registry.bind("webPages", new WebPages(access.withToken()));
        registry.bind("webUpload", uploads);
        registry.bind("webVideos", done);
        registry.bind("webFailed", failedFiles);
        registry.bind("webLive", new LiveView(jobs, inbox, extensions, maxFileSize, engine,
                credits.map(balance -> new CreditBalance(balance, CREDITS_MAX_AGE, Clock.systemUTC())),
                nextBatch, done, failedFiles, uploads));
        context.addStartupListener(new GateInstaller(new WebGate(access, limits.atOnce())));
    }
}
