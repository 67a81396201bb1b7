package mp4drop.config;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import mp4drop.outbox.Outbox;
import mp4drop.report.InboxListing;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.VetoCamelContextStartException;

/**
 * The start-up work of a run: FFmpeg, looked for in the background since start-up, must have been found
 * (else the start fails as a bad setting would); temporary files a kill left in the outbox are removed; and a
 * {@code --once} run reads the credit balance for the files waiting in the inbox. A {@link StartupListener} because Camel
 * calls it once the beans and services have started and before any route's consumer starts: no file can be
 * taken before the budget is known, and no engine writes a temporary file while the orphans are removed.
 */
final class BeforeFirstFile implements StartupListener {
    private final CompletableFuture<?> ffmpegFound;
    private final Outbox outbox;
    private final boolean once;
    private final Path inbox;
    private final List<String> extensions;
    private final Consumer<Integer> creditEstimate;

    BeforeFirstFile(CompletableFuture<?> ffmpegFound, Outbox outbox, boolean once, Path inbox, List<String> extensions,
            Consumer<Integer> creditEstimate) {
        this.ffmpegFound = ffmpegFound;
        this.outbox = outbox;
        this.once = once;
        this.inbox = inbox;
        this.extensions = extensions;
        this.creditEstimate = creditEstimate;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        // called again for routes added later (a reloaded route file): files are under way by then
        if (alreadyStarted) {
            return;
        }
        try {
            ffmpegFound.join();
        } catch (CompletionException notFound) {
            // the failure itself (ffmpeg-not-found, with its hint), not the future's wrapper, as a veto: Camel
            // stops the start without logging a stack trace, and mp4drop says why in one line
            Throwable failure = notFound.getCause() != null ? notFound.getCause() : notFound;
            throw new VetoCamelContextStartException(failure.getMessage(), failure, context, true);
        }
        outbox.removeOrphans();
        if (once) {
            creditEstimate.accept(InboxListing.videos(inbox, extensions).size());
        }
    }
}
