package mp4drop.cli;

import java.io.PrintStream;
import mp4drop.config.NemoKeys;
import mp4drop.config.TypedProperties;
import mp4drop.nemo.Credits;
import mp4drop.nemo.NemoClient;

/** {@code ./run.sh credits}: the NemoVideo balance, as the API reports it. */
public final class CreditsCommand {
    private CreditsCommand() {
    }

    public static int run(TypedProperties settings, PrintStream out) {
        Credits credits = NemoClient.standalone(NemoKeys.from(settings, settings.folder("mp4drop.state")),
                NemoClient::credits);
        out.printf("Credits: %d available, %d frozen, %d in total%n", credits.available(), credits.frozen(),
                credits.total());
        return 0;
    }
}
