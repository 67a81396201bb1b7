package mp4drop.config;

import java.nio.file.Path;
import mp4drop.nemo.NemoOptions;

/** The NemoVideo client's settings, from the nemo.* keys. */
public final class NemoKeys {
    private NemoKeys() {
    }

    public static NemoOptions from(TypedProperties settings, Path state) {
        return new NemoOptions(
                settings.url("nemo.api-url"),
                settings.url("nemo.web-url"),
                settings.optional("nemo.token").orElse(null),
                settings.optional("nemo.client-id").orElse(null),
                settings.text("nemo.skill-source"),
                settings.text("nemo.skill-version"),
                settings.text("nemo.skill-platform"),
                state,
                settings.duration("nemo.connect-timeout"),
                settings.duration("nemo.request-timeout"),
                settings.duration("nemo.upload-timeout"),
                settings.duration("nemo.sse.idle-timeout"),
                settings.duration("nemo.sse.max-duration"),
                settings.duration("nemo.download.stall-timeout"),
                settings.bytes("nemo.download.max-size"));
    }
}
