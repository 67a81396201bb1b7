package mp4drop.web;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import mp4drop.job.JobStore;
import org.apache.camel.spi.Registry;

/** The beans of routes/70-web.camel.yaml, made from what the rest of mp4drop already set up. */
public final class WebBeans {
    /** An upload that sends nothing for this long is given up. */
    private static final Duration UPLOAD_IDLE_LIMIT = Duration.ofSeconds(60);
    private static final Duration CREDITS_MAX_AGE = Duration.ofSeconds(60);

    private WebBeans() {
    }

    /**
     * @param folders    inbox, outbox and failed folder
     * @param credits    the cloud balance; empty when the engine is local
     * @param nextBatch  when the nightly batch runs next; empty when it does not run
     */
    public static void bind(Registry registry, WebAccess access, Path inbox, Path outbox, Path failed,
            List<String> extensions, long maxFileSize, JobStore jobs, String engine, Optional<LongSupplier> credits,
            Supplier<Optional<Instant>> nextBatch) throws IOException {
        InboxUpload uploads = new InboxUpload(inbox, extensions, maxFileSize, UPLOAD_IDLE_LIMIT);
        uploads.removeLeftovers();
        DoneVideos done = new DoneVideos(outbox);
        FailedFiles failedFiles = new FailedFiles(failed, inbox, Clock.systemUTC());
        registry.bind("webAccess", access);
        registry.bind("webPages", new WebPages());
        registry.bind("webUpload", uploads);
        registry.bind("webVideos", done);
        registry.bind("webFailed", failedFiles);
        registry.bind("webLive", new LiveView(jobs, inbox, extensions, maxFileSize, engine,
                credits.map(balance -> new CreditBalance(balance, CREDITS_MAX_AGE, Clock.systemUTC())),
                nextBatch, done, failedFiles, uploads));
    }
}
