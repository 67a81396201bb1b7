package mp4drop.cli;

import java.io.PrintStream;
import mp4drop.config.NemoConfig;
import mp4drop.config.Settings;
import mp4drop.nemo.Credits;
import mp4drop.nemo.NemoClient;

/** {@code ./run.sh credits}: the NemoVideo balance, as the API reports it. */
public final class CreditsCommand {
    private CreditsCommand() {
    }

    public static int run(Settings settings, PrintStream out) {
        Credits credits = new NemoClient(NemoConfig.from(settings, settings.folder("mp4drop.state"))).credits();
        out.printf("Credits: %d available, %d frozen, %d in total%n", credits.available(), credits.frozen(),
                credits.total());
        return 0;
    }
}
