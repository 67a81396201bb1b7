package mp4drop.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local engine as the route sees it: one source in, one checked MP4 out at the path it was given. It never
 * renames or moves anything; publishing the temporary file is the caller's job.
 */
public final class LocalConverter {
    private static final Logger LOG = LoggerFactory.getLogger(LocalConverter.class);

    private final LocalTiming timing;
    private final FfmpegRun run;
    private final MediaProbe probe;
    private final OutputCheck outputCheck;
    private final SourceCheck sourceCheck;

    /**
     * @param processes where running children are registered, so they can all be killed on shutdown
     */
    public LocalConverter(FfmpegBinary binary, LocalTiming timing, FfmpegProcesses processes) {
        this.timing = timing;
        this.run = new FfmpegRun(binary, processes);
        this.probe = new MediaProbe(run);
        this.outputCheck = new OutputCheck(probe, run);
        this.sourceCheck = new SourceCheck(probe, run);
    }

    /** How this FFmpeg is run, for the other work on originals (a link's probe, a repackaged upload). */
    public FfmpegRun run() {
        return run;
    }

    /**
     * The look before paying, for either engine: a video FFmpeg reads, with a picture and no missing end.
     *
     * @throws ConversionFailure stage "local": {@code not-a-video}, {@code unknown-duration}, {@code truncated}, ...
     */
    public MediaInfo inspectSource(Path source) {
        return sourceCheck.check(source);
    }

    /** @see OutputCheck#checkRender */
    public MediaInfo checkRender(double sourceSeconds, double sourceShownAspect, boolean sameLength, Path render) {
        return outputCheck.checkRender(sourceSeconds, sourceShownAspect, sameLength, render);
    }

    /** @see RecordingDateStamp#stamp */
    public void stampRecordingDate(Path mp4, RecordingDate recorded) {
        new RecordingDateStamp(run).stamp(mp4, recorded);
    }

    /** x264 already spreads one encode over several cores, so two files per two cores only adds contention. */
    public static int defaultConcurrency() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /**
     * Probes, plans, encodes and checks. On failure the partial output is deleted.
     *
     * @param tempOutput      where to write the MP4 (overwritten); the caller later publishes it
     * @param instruction     the free-text instruction; null or blank for {@link LocalInstruction#DEFAULT}
     * @param progressPercent receives 0..100 as the encode advances, on an FFmpeg reader thread
     * @throws ConversionFailure stage "local", for every reason a person can act on
     */
    public LocalResult convert(Path source, Path tempOutput, String instruction, IntConsumer progressPercent) {
        long started = System.nanoTime();
        LocalPlan plan = LocalInstruction.parse(instruction);
        MediaInfo sourceInfo = probe.probe(source);
        RecordingDate recorded = sourceInfo.recordingDate(source);
        List<String> arguments = FfmpegCommand.arguments(sourceInfo, plan, source, tempOutput, recorded);
        Duration limit = timing.limitFor(sourceInfo.durationSeconds());
        LOG.info("Converting {}: {} -> {} {} CRF {}, recorded {} (time limit {})", source.getFileName(),
                sourceInfo.summary(), OutputSize.of(sourceInfo, plan), plan.quality(), plan.quality().crf(), recorded,
                FfmpegRun.human(limit));
        LOG.debug("ffmpeg arguments: {}", arguments);
        try {
            run.encode(arguments, sourceInfo.durationSeconds(), limit, progressPercent);
            MediaInfo outputInfo = outputCheck.check(sourceInfo, plan, tempOutput);
            Files.setLastModifiedTime(tempOutput, FileTime.from(recorded.instant()));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            LOG.info("Converted {} in {} for {} of video: {}", source.getFileName(), FfmpegRun.human(elapsed),
                    FfmpegRun.human(Duration.ofMillis(Math.round(sourceInfo.durationSeconds() * 1000))),
                    outputInfo.summary());
            return new LocalResult(sourceInfo, outputInfo, plan, arguments, elapsed);
        } catch (EncodeStopped e) {
            deleteQuietly(tempOutput);
            LOG.info("Stopped converting {} because mp4drop is shutting down; the next run starts it afresh",
                    source.getFileName());
            throw e;
        } catch (RuntimeException e) {
            deleteQuietly(tempOutput);
            throw e;
        } catch (IOException e) {
            deleteQuietly(tempOutput);
            throw new UncheckedIOException(e);
        }
    }

    /** The exact ffmpeg arguments {@link #convert} would run (without the executable); probes but writes nothing. */
    public List<String> ffmpegArguments(Path source, Path output, String instruction) {
        LocalPlan plan = LocalInstruction.parse(instruction);
        MediaInfo sourceInfo = probe.probe(source);
        return FfmpegCommand.arguments(sourceInfo, plan, source, output, sourceInfo.recordingDate(source));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete the partial output {}: {}", file, e.toString());
        }
    }
}
