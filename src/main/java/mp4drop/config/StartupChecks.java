package mp4drop.config;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import mp4drop.local.FfmpegBinary;
import mp4drop.local.FfmpegProcesses;
import mp4drop.local.LocalConverter;
import mp4drop.local.LocalTiming;
import mp4drop.nemo.NemoClient;
import mp4drop.nemo.NemoOptions;
import mp4drop.run.EngineChoice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up's look at what this machine has: whether the API answers (which decides the engine, and the
 * wiring needs that answer) and which FFmpeg to use. FFmpeg is found, or unpacked, in the background while
 * Camel loads the routes; {@link BeforeFirstFile} waits for it before the first file is taken.
 */
final class StartupChecks {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");

    private StartupChecks() {
    }

    /** For "nemo", and for "auto" without a token, asks the API whether it answers. */
    static EngineChoice chooseEngine(TypedProperties settings, NemoOptions nemoSettings, NemoClient nemo) {
        EngineChoice engine = EngineChoice.decide(settings.text("mp4drop.engine"), nemoSettings.userToken() != null,
                nemoSettings.apiBase().getHost(), () -> nemo.reachable(settings.duration("nemo.probe-timeout")));
        LOG.info("Engine: {} ({})", engine.engine(), engine.reason());
        return engine;
    }

    /** Both engines need FFmpeg: every file is probed on this machine before any network call. */
    static CompletableFuture<LocalConverter> findFfmpeg(TypedProperties settings, Path state,
            FfmpegProcesses ffmpegProcesses, Executor background) {
        String configured = settings.optional("mp4drop.ffmpeg").orElse(null);
        LocalTiming timing = new LocalTiming(settings.number("mp4drop.local.time-limit-factor"),
                settings.duration("mp4drop.local.minimum-time-limit"));
        return CompletableFuture.supplyAsync(() -> {
            FfmpegBinary ffmpeg = FfmpegBinary.locate(configured, state);
            LOG.info("FFmpeg: {} ({})", ffmpeg.path(), ffmpeg.version());
            return new LocalConverter(ffmpeg, timing, ffmpegProcesses);
        }, background);
    }
}
