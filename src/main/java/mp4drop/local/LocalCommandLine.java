package mp4drop.local;

import java.nio.file.Path;
import mp4drop.failure.ConversionFailure;

/**
 * Prints, one per line, the ffmpeg arguments the local engine would run for a source: the benchmark runs them
 * directly to measure what mp4drop adds, and they make a dry run easy to read.
 *
 * <p>Usage: {@code LocalCommandLine <source> <output> [instruction]}. The FFmpeg used for probing is found as
 * mp4drop finds it: {@code MP4DROP_FFMPEG}, then the PATH, then the bundled one under {@code MP4DROP_STATE}
 * (default {@code .mp4drop}).
 */
public final class LocalCommandLine {
    private LocalCommandLine() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: LocalCommandLine <source> <output> [instruction]");
            System.exit(2);
        }
        String state = System.getenv().getOrDefault("MP4DROP_STATE", ".mp4drop");
        try (FfmpegProcesses processes = new FfmpegProcesses()) {
            FfmpegBinary binary = FfmpegBinary.locate(System.getenv("MP4DROP_FFMPEG"), Path.of(state));
            LocalConverter converter = new LocalConverter(binary, LocalTiming.defaults(), processes);
            converter.ffmpegArguments(Path.of(args[0]), Path.of(args[1]), args.length == 3 ? args[2] : null)
                    .forEach(System.out::println);
        } catch (ConversionFailure e) {
            System.err.println(e.code() + ": " + e.getMessage());
            System.err.println("hint: " + e.hint());
            e.details().forEach(line -> System.err.println("  " + line));
            System.exit(1);
        }
    }
}
