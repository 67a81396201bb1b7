package mp4drop.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import mp4drop.failure.ConversionFailure;
import mp4drop.outbox.WriteFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ffmpeg as a child process (never through a shell, so file names need no quoting), with a time limit.
 * stdout and stderr are each drained on their own thread: a full pipe would stall FFmpeg.
 */
public final class FfmpegRun {
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegRun.class);
    static final int TAIL_LINES = 20;
    private static final int CAPTURE_LINES = 2000;

    private final FfmpegBinary binary;
    private final FfmpegProcesses processes;

    public FfmpegRun(FfmpegBinary binary, FfmpegProcesses processes) {
        this.binary = binary;
        this.processes = processes;
    }

    /** What a short FFmpeg job printed to stderr, and how it ended. */
    public record Outcome(int exitCode, List<String> stderr) {
        public List<String> tail() {
            return stderr.subList(Math.max(0, stderr.size() - TAIL_LINES), stderr.size());
        }
    }

    /**
     * Runs an encode whose arguments include {@code -progress pipe:1}, reporting 0-100 percent of
     * {@code sourceSeconds} done. The callback runs on the reader thread and must be quick.
     *
     * @throws ConversionFailure {@code ffmpeg-failed} on a non-zero exit, {@code ffmpeg-timeout} when the time
     *                           limit passes, {@link EncodeStopped} when mp4drop shuts down meanwhile; a
     *                           {@link WriteFailure} when FFmpeg could not write the output (the last argument)
     */
    public void encode(List<String> arguments, double sourceSeconds, Duration timeLimit,
            IntConsumer progressPercent) {
        ProgressReader progress = new ProgressReader(sourceSeconds, progressPercent);
        Outcome outcome = execute(arguments, timeLimit, CAPTURE_LINES, progress::line);
        if (outcome.exitCode() != 0) {
            WriteFailure.fromFfmpeg(outcome.stderr(), Path.of(arguments.get(arguments.size() - 1))).ifPresent(
                    unwritable -> { throw unwritable; });
            throw new ConversionFailure("local", "ffmpeg-failed",
                    "FFmpeg stopped with exit code " + outcome.exitCode() + lastWords(outcome) + ".",
                    "The FFmpeg lines in the details say why. A damaged or truncated source is the usual cause: "
                            + "check that it plays, or copy it again from the camera.",
                    outcome.tail(), null);
        }
        progress.finished();
    }

    /**
     * Runs a short job (a probe, a decode check) and returns everything it printed to stderr, whatever its exit
     * code: a probe always exits 1.
     *
     * @throws ConversionFailure {@code ffmpeg-timeout}, or {@link EncodeStopped}
     */
    public Outcome capture(List<String> arguments, Duration timeLimit) {
        return execute(arguments, timeLimit, CAPTURE_LINES, null);
    }

    private Outcome execute(List<String> arguments, Duration timeLimit, int stderrLines, Consumer<String> stdout) {
        List<String> command = new ArrayList<>();
        command.add(binary.path().toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        binary.prepare(builder);
        if (stdout == null) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ConversionFailure("local", "ffmpeg-failed", "Could not start FFmpeg (" + binary.path() + "): "
                    + e.getMessage() + ".", "Check that the FFmpeg in mp4drop.ffmpeg (or the bundled one) can run.",
                    List.of(), e);
        }
        processes.add(process);
        Tail stderr = new Tail(stderrLines);
        try {
            process.getOutputStream().close();
            Thread stderrReader = drain("ffmpeg-stderr-" + process.pid(), process.getErrorStream(), stderr::add);
            Thread stdoutReader = stdout == null ? null
                    : drain("ffmpeg-progress-" + process.pid(), process.getInputStream(), stdout);
            boolean finished = process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                FfmpegProcesses.kill(process);
                process.waitFor(10, TimeUnit.SECONDS);
            }
            join(stderrReader);
            join(stdoutReader);
            if (!finished) {
                throw new ConversionFailure("local", "ffmpeg-timeout",
                        "FFmpeg was still running after " + human(timeLimit) + ", its time limit, and was stopped.",
                        "A very slow machine or a damaged file can cause this. Raise the time limit "
                                + "(mp4drop.local.time-limit-factor, mp4drop.local.minimum-time-limit) or convert "
                                + "fewer files at once (mp4drop.local.concurrency).",
                        stderr.lines(), null);
            }
            if (process.exitValue() != 0 && processes.stoppedWithMp4drop(endedBySignal(process.exitValue()))) {
                throw new EncodeStopped("The conversion was stopped because mp4drop is shutting down.",
                        stderr.lines(), null);
            }
            return new Outcome(process.exitValue(), stderr.lines());
        } catch (IOException e) {
            FfmpegProcesses.kill(process);
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            FfmpegProcesses.kill(process);
            Thread.currentThread().interrupt();
            throw new EncodeStopped("The conversion was interrupted.", stderr.lines(), e);
        } finally {
            processes.remove(process);
        }
    }

    /** 128 + the signal, as a shell reports it; FFmpeg itself exits with 255 after it caught one. */
    private static boolean endedBySignal(int exitCode) {
        return exitCode > 128;
    }

    private static Thread drain(String name, InputStream stream, Consumer<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    try {
                        lines.accept(line);
                    } catch (RuntimeException e) {
                        // Keep reading whatever the consumer does: a pipe left unread would stall FFmpeg.
                        LOG.warn("Ignoring a failure while handling FFmpeg output: {}", e.toString());
                    }
                }
            } catch (IOException e) {
                LOG.debug("FFmpeg output closed: {}", e.toString());
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void join(Thread thread) throws InterruptedException {
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private static String lastWords(Outcome outcome) {
        List<String> tail = outcome.tail();
        return tail.isEmpty() ? "" : ": " + tail.get(tail.size() - 1).trim();
    }

    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }

    /** The last lines of a stream, so a long encode log never piles up in memory. */
    private static final class Tail {
        private final int capacity;
        private final Deque<String> lines = new ArrayDeque<>();

        Tail(int capacity) {
            this.capacity = capacity;
        }

        synchronized void add(String line) {
            if (line.isBlank()) {
                return;
            }
            if (lines.size() == capacity) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }
    }

    /** Turns {@code -progress} key=value lines into whole percentages, each reported once. */
    static final class ProgressReader {
        private final double sourceMicros;
        private final IntConsumer percent;
        private int reported = -1;

        ProgressReader(double sourceSeconds, IntConsumer percent) {
            this.sourceMicros = sourceSeconds * 1_000_000;
            this.percent = percent;
        }

        /** FFmpeg 4 prints out_time_ms in microseconds too (a long-standing misnomer), so both are read alike. */
        void line(String line) {
            int equals = line.indexOf('=');
            if (equals < 0 || sourceMicros <= 0) {
                return;
            }
            String key = line.substring(0, equals);
            if (!key.equals("out_time_us") && !key.equals("out_time_ms")) {
                return;
            }
            try {
                long micros = Long.parseLong(line.substring(equals + 1).trim());
                report((int) Math.max(0, Math.min(99, micros * 100 / sourceMicros)));
            } catch (NumberFormatException notYetKnown) {
                // "N/A" until the first frame is out.
            }
        }

        void finished() {
            report(100);
        }

        private void report(int value) {
            if (value > reported) {
                reported = value;
                percent.accept(value);
            }
        }
    }
}
