package mp4drop.local;

import java.util.List;
import mp4drop.failure.ConversionFailure;

/**
 * FFmpeg was ended because mp4drop is stopping, not because of the file: the file stays in the inbox and the
 * next run converts it afresh.
 */
public final class EncodeStopped extends ConversionFailure {
    EncodeStopped(String message, List<String> details, Throwable cause) {
        super("local", "stopped", message, "Run mp4drop again to convert this file.", details, cause);
    }
}
