package mp4drop.cloud;

import mp4drop.failure.ConversionFailure;

/**
 * The cloud cannot take this file (too large, or a container it refuses that no stream copy fixes), found before
 * anything was uploaded. {@link LocalFallback} hands it to the local engine; with mp4drop.engine.fallback=none
 * the file fails with this reason.
 */
final class NotForCloud extends ConversionFailure {
    NotForCloud(String fileName, CloudFit fit) {
        super("upload", fit.code(), fileName + " is not sent to NemoVideo: " + fit.reason() + ".",
                "Set mp4drop.engine.fallback=local (or engine = local in its folder's mp4drop.properties) to convert "
                        + "it on this machine, which takes any size and any container FFmpeg reads.");
    }
}
