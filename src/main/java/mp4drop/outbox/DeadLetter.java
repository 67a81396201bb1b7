package mp4drop.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import mp4drop.failure.ConversionFailure;
import mp4drop.job.AtomicFile;
import mp4drop.job.Job;
import mp4drop.job.JobStore;
import mp4drop.job.JsonMapping;
import mp4drop.job.Stage;
import mp4drop.run.RunState;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failure policy's last step: the original, byte for byte, moves to the failed folder, and beside it
 * {@code <name>.error.json} says what happened and what a person can do about it.
 */
public final class DeadLetter {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");

    private final Path failedDir;
    private final JobStore jobs;
    private final RunState run;
    private final Originals originals;

    public DeadLetter(Path failedDir, JobStore jobs, RunState run, Originals originals) {
        this.failedDir = failedDir;
        this.jobs = jobs;
        this.run = run;
        this.originals = originals;
    }

    /**
     * @param job null when the file failed before it became a job: then the file headers say which file it
     *     was and from which subfolder
     */
    public void file(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable error, @ExchangeProperty("job") Job job,
            @Header(Exchange.FILE_PATH) String filePath, @Header(Exchange.FILE_NAME) String relativeName)
            throws IOException {
        Path source = job != null ? job.sourcePath() : Path.of(filePath).toAbsolutePath();
        String name = source.getFileName().toString();
        ConversionFailure failure = asFailure(error, job);
        if (job != null && job.getStage() == Stage.DONE) {
            LOG.warn("{}: converted to {}, but a step after that failed: {}", name, job.getOutput(),
                    error.getMessage());
            return;
        }

        Path folder = failedDir.resolve(job != null ? job.getFolder() : subfolderOf(relativeName));
        Files.createDirectories(folder);
        if (job != null && job.getTempOutput() != null) {
            Files.deleteIfExists(Path.of(job.getTempOutput()));
        }
        Path moved = job != null ? originals.move(job, folder)
                : Files.exists(source) ? originals.move(source, folder) : null;
        String keptAs = moved != null ? moved.getFileName().toString() : name;
        Path errorFile = folder.resolve(FreeName.fit(keptAs, ConversionFailure.ERROR_FILE_SUFFIX));
        AtomicFile.write(errorFile, JsonMapping.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(report(keptAs, failure, job)), AtomicFile.OWNER_ONLY);

        if (job != null) {
            job.failed(failure.code(), failure.getMessage());
            jobs.save(job);
        }
        run.failed(name, job, failure);
        if (error instanceof ConversionFailure) {
            LOG.warn("{}: failed at {} [{}]: {} -> {}", name, failure.stage(), failure.code(), failure.getMessage(),
                    errorFile.getFileName());
        } else {
            LOG.error("{}: failed with an unexpected error -> {}", name, errorFile.getFileName(), error);
        }
    }

    /**
     * The failure policy's answer to an error while mp4drop is stopping (SIGTERM, Ctrl-C, a service restart):
     * a stop is not the file's fault. Nothing moves: the original stays in the inbox and the job record keeps
     * the stage it reached (the steps remove their own half-written output), so the next run takes it up there.
     */
    public void leaveForNextRun(@ExchangeProperty("job") Job job, @Header(Exchange.FILE_NAME_ONLY) String fileName) {
        LOG.info("{}: left for the next run, since mp4drop is stopping", job != null ? job.getName() : fileName);
    }

    /** The inbox subfolder of a file that failed before it had a job. */
    private static String subfolderOf(String relativeName) {
        Path parent = relativeName == null ? null : Path.of(relativeName).getParent();
        return parent == null ? "" : parent.toString();
    }

    private static ConversionFailure asFailure(Throwable error, Job job) {
        if (error instanceof ConversionFailure failure) {
            return failure;
        }
        String stage = job != null ? job.getStage().name().toLowerCase() : "inbox";
        return new ConversionFailure(stage, "internal-error",
                "mp4drop could not handle this file: " + error,
                "This is probably a bug in mp4drop. The original is safe here; report the log lines for this file.");
    }

    private ObjectNode report(String keptAs, ConversionFailure failure, Job job) {
        ObjectNode report = JsonMapping.MAPPER.createObjectNode();
        report.put("file", keptAs);
        report.put("stage", failure.stage());
        report.put("code", failure.code());
        report.put("message", failure.getMessage());
        report.put("hint", failure.hint());
        if (!failure.details().isEmpty()) {
            report.putPOJO("details", failure.details());
        }
        if (job != null) {
            report.put("engine", job.getEngineUsed());
            report.put("instruction", job.getInstruction());
            report.put("attempts", attempts(job));
            report.put("session_id", job.getSessionId());
            report.put("task_id", job.getTaskId());
            report.put("render_id", job.getRenderId());
            report.put("job_id", job.getId());
            report.put("started_at", String.valueOf(job.getCreatedAt()));
        }
        report.put("failed_at", Instant.now().toString());
        return report;
    }

    private static int attempts(Job job) {
        return 1 + job.getSessionRestarts() + Math.max(0, job.getRenderSubmissions() - 1) + job.getTransientErrors()
                + job.getRateLimitRetries();
    }
}
