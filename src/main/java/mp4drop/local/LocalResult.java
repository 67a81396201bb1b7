package mp4drop.local;

import java.time.Duration;
import java.util.List;

/**
 * A finished, checked local conversion.
 *
 * @param arguments the ffmpeg arguments that made the output (without the executable)
 * @param elapsed   wall-clock time of probe, encode and check together
 */
public record LocalResult(MediaInfo source, MediaInfo output, LocalPlan plan, List<String> arguments,
        Duration elapsed) {
}
