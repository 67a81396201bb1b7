package mp4drop.cli;

import java.io.PrintStream;
import mp4drop.config.NemoKeys;
import mp4drop.config.TypedProperties;
import mp4drop.nemo.Credits;
import mp4drop.nemo.NemoApiException;
import mp4drop.nemo.NemoClient;
import mp4drop.nemo.NemoOptions;

/** {@code ./run.sh credits}: the NemoVideo balance, as the API reports it. */
public final class CreditsCommand {
    private CreditsCommand() {
    }

    public static int run(TypedProperties settings, PrintStream out) {
        NemoOptions options = NemoKeys.from(settings, settings.folder("mp4drop.state"));
        Credits credits;
        try {
            credits = NemoClient.standalone(options, NemoClient::credits);
        } catch (NemoApiException e) {
            // the person needs to know which address to check: the default one, or one they set
            String what = e.httpStatus() == 0 ? "did not answer" : "answered with an error";
            throw new IllegalStateException("The NemoVideo API at " + options.apiBase()
                    + " (nemo.api-url, NEMO_API_URL) " + what + ": " + e.getMessage(), e);
        }
        out.printf("Credits: %d available, %d frozen, %d in total%n", credits.available(), credits.frozen(),
                credits.total());
        return 0;
    }
}
