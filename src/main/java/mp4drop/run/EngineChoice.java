package mp4drop.run;

import java.util.function.BooleanSupplier;
import mp4drop.failure.InvalidSetting;

/** Which engine converts new files, decided once at start-up, with the reason a person can read. */
public record EngineChoice(String engine, String reason) {

    public static EngineChoice decide(String configured, boolean userToken, String apiHost, BooleanSupplier apiAnswers) {
        switch (configured) {
            case "local":
                return new EngineChoice("local", "mp4drop.engine is local");
            case "nemo":
                if (!apiAnswers.getAsBoolean()) {
                    throw new InvalidSetting("mp4drop.engine is nemo but the NemoVideo API at " + apiHost
                            + " does not answer. Check the network or nemo.api-url (NEMO_API_URL), "
                            + "or set mp4drop.engine=local to convert on this machine.");
                }
                return new EngineChoice("nemo", "mp4drop.engine is nemo and the API at " + apiHost + " answers");
            case "auto":
                if (userToken) {
                    return new EngineChoice("nemo", "NEMO_TOKEN is set");
                }
                if (apiAnswers.getAsBoolean()) {
                    return new EngineChoice("nemo", "the NemoVideo API at " + apiHost + " answers");
                }
                return new EngineChoice("local", "the NemoVideo API at " + apiHost + " does not answer");
            default:
                throw new InvalidSetting("mp4drop.engine", configured, "auto, nemo or local");
        }
    }
}
