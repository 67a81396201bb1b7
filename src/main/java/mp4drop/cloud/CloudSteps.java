package mp4drop.cloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import mp4drop.failure.ConversionFailure;
import mp4drop.job.Job;
import mp4drop.job.JobStore;
import mp4drop.job.SourceMedia;
import mp4drop.local.LocalConverter;
import mp4drop.local.LocalInstruction;
import mp4drop.local.RecordingDate;
import mp4drop.nemo.InstructionOutcome;
import mp4drop.nemo.NemoClient;
import mp4drop.nemo.RateLimitedException;
import mp4drop.nemo.RenderStatus;
import mp4drop.nemo.Session;
import mp4drop.nemo.SessionState;
import mp4drop.nemo.TransientApiException;
import mp4drop.nemo.UploadedMedia;
import mp4drop.outbox.Outbox;
import mp4drop.outbox.OutboxSpace;
import mp4drop.report.HumanReadable;
import org.apache.camel.ExchangeProperties;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud engine's steps, one per stage of routes/20-cloud.camel.yaml. Each records the job when it is done.
 * None of them sleeps: a step that has to wait gives the job a due time, says so on the exchange, and the
 * job tick brings it back. What an API error means for the job is {@link CloudRetries}'s decision.
 */
public final class CloudSteps {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");

    private final NemoClient client;
    private final JobStore jobs;
    private final Outbox outbox;
    private final CloudTimings timings;
    private final CloudRetries retries;
    private final Supplier<LocalConverter> ffmpeg;
    private final Repackager repackager;

    /**
     * @param ffmpeg     checks each render before it may be published
     * @param repackager puts a file the cloud would refuse into a container it takes
     */
    public CloudSteps(NemoClient client, JobStore jobs, Outbox outbox, CloudTimings timings,
            Supplier<LocalConverter> ffmpeg, Repackager repackager) {
        this.client = client;
        this.repackager = repackager;
        this.ffmpeg = ffmpeg;
        this.jobs = jobs;
        this.outbox = outbox;
        this.timings = timings;
        this.retries = new CloudRetries(jobs, timings);
    }

    public void openSession(@ExchangeProperty("job") Job job, @ExchangeProperties Map<String, Object> properties) {
        retries.guarded(new Pass(job, properties), () -> {
            Session session = client.createSession("mp4drop: " + job.getName());
            job.sessionOpened(session.taskId(), session.sessionId());
            goOn(job);
            LOG.info("{}: session opened", job.getName());
        });
    }

    /**
     * Before a session is opened: a file the cloud would refuse (too large, or a container it does not take that
     * no stream copy fixes) is never uploaded; {@link LocalFallback} decides what happens to it instead.
     */
    public void checkFit(@ExchangeProperty("job") Job job) {
        fitFor(job);
    }

    /** The file as multipart part "files" (renamed or repackaged as {@link CloudFit} says), or a link by its address. */
    public void upload(@ExchangeProperty("job") Job job, @ExchangeProperties Map<String, Object> properties) {
        retries.guarded(new Pass(job, properties), () -> {
            long started = System.nanoTime();
            if (job.getLink() != null) {
                job.uploaded(client.uploadUrl(job.getSessionId(), job.linkAddress()).cdnUrl());
                goOn(job);
                LOG.info("{}: handed to the cloud by its address {} (no bytes sent)", job.getName(),
                        job.linkAddress().shown());
                return;
            }
            // judged again: a job resumed after a restart may have been recorded before the check
            CloudFit fit = fitFor(job);
            try (UploadSource source = repackager.prepare(job, fit)) {
                long bytes = Files.size(source.file());
                UploadedMedia media = client.upload(job.getSessionId(), source.file(), source.name());
                job.uploaded(media.cdnUrl());
                goOn(job);
                LOG.info("{}: uploaded {}({} in {})", job.getName(), fit.way() == CloudFit.Way.AS_IS ? ""
                        : "as " + source.name() + " ", HumanReadable.size(bytes), HumanReadable.since(started));
            }
        });
    }

    /** How the file can go to the cloud; {@link NotForCloud} when it cannot. */
    private CloudFit fitFor(Job job) {
        // a job recorded before the probe kept the container is judged by its name, as it was then
        CloudFit fit = CloudFit.decide(job.getName(), job.getMedia() == null ? new SourceMedia() : job.getMedia(),
                job.getSize(), repackager.limit(), job.getLink() != null);
        if (fit.way() == CloudFit.Way.NOT_FOR_CLOUD) {
            throw new NotForCloud(job.getName(), fit);
        }
        return fit;
    }

    /**
     * Sends the instruction. The job is recorded as instructed before the request leaves, so that no
     * restart, timeout or dropped stream can ever send it a second time: the state tells the rest.
     */
    public void instruct(@ExchangeProperty("job") Job job, @ExchangeProperties Map<String, Object> properties) {
        Pass pass = new Pass(job, properties);
        job.instructionSent();
        job.parkUntil(now().plus(timings.firstDraftCheck()));
        jobs.save(job);
        InstructionOutcome outcome;
        try {
            outcome = client.instruct(job.getSessionId(), job.getInstruction());
        } catch (RateLimitedException refused) {
            // a 429 answer means the server refused the request before doing anything: nothing to charge
            job.instructionRefused();
            jobs.save(job);
            retries.rateLimited(pass, refused);
            return;
        } catch (TransientApiException unknown) {
            LOG.warn("{}: instruction sent but the answer was lost ({}); reading the session state instead of "
                    + "sending again", job.getName(), unknown.getMessage());
            pass.waitUntil(job.getNextCheckAt());
            return;
        } catch (RuntimeException e) {
            throw CloudRetries.mapped(e);
        }
        // a stream that broke before its first event may be a request that never arrived
        job.instructionAnswered(outcome.text(),
                outcome.ending() == InstructionOutcome.Ending.CLOSED || outcome.events() > 0);
        if (outcome.text() == null || outcome.text().isBlank()) {
            LOG.info("{}: instruction sent; the agent answered without text ({})", job.getName(), outcome.ending());
        } else {
            LOG.info("{}: instruction sent; the agent says: {}", job.getName(), outcome.text());
        }
        if (outcome.ending() == InstructionOutcome.Ending.CLOSED) {
            job.parkUntil(now());
        } else {
            LOG.warn("{}: the answer stream ended early ({}); reading the session state in {}", job.getName(),
                    outcome.ending(), HumanReadable.duration(timings.firstDraftCheck()));
            pass.waitUntil(job.getNextCheckAt());
        }
        jobs.save(job);
    }

    /** Reads the session state until its draft can be exported, for at most the allowed unchanged looks. */
    public void checkDraft(@ExchangeProperty("job") Job job, @ExchangeProperties Map<String, Object> properties) {
        Pass pass = new Pass(job, properties);
        retries.guarded(pass, () -> {
            SessionState state = client.state(job.getSessionId());
            job.stateChecked();
            if (state.draftReady()) {
                job.draftReady(state.draft());
                goOn(job);
                LOG.info("{}: timeline ready for export", job.getName());
                return;
            }
            job.noDraftYet(state.fingerprint());
            if (job.getUnchangedStateChecks() >= timings.maxUnchangedDraftChecks()) {
                throw noTimeline(job);
            }
            pass.waitUntil(now().plus(timings.draftCheckInterval()));
            jobs.save(job);
            LOG.info("{}: no timeline yet (look {}), looking again in {}", job.getName(), job.getStateChecks(),
                    HumanReadable.duration(timings.draftCheckInterval()));
        });
    }

    public void submitRender(@ExchangeProperty("job") Job job, @ExchangeProperties Map<String, Object> properties) {
        Pass pass = new Pass(job, properties);
        retries.guarded(pass, () -> {
            if (job.getRenderId() == null) {
                job.renderNamed(NemoClient.newRenderId());
                jobs.save(job);
            }
            client.submitRender(job.getSessionId(), job.getDraft(), job.getRenderId());
            job.renderSubmitted();
            pass.waitUntil(now().plus(timings.renderPollInterval()));
            jobs.save(job);
            LOG.info("{}: export submitted (render {}, attempt {})", job.getName(), job.getRenderId(),
                    job.getRenderSubmissions());
        });
    }

    public void checkRender(@ExchangeProperty("job") Job job, @ExchangeProperties Map<String, Object> properties) {
        Pass pass = new Pass(job, properties);
        retries.guarded(pass, () -> {
            RenderStatus status = client.renderStatus(job.getRenderId());
            job.renderPolled(status.progress());
            if (status.isDone()) {
                job.renderFinished(status.outputUrl());
                goOn(job);
                LOG.info("{}: render complete", job.getName());
            } else if (status.isFailed()) {
                renderFailed(pass, status.error());
            } else if (job.getRenderPolls() >= timings.maxRenderPolls()) {
                throw new ConversionFailure("render", "render-timeout",
                        "The render of " + job.getName() + " was not finished after " + job.getRenderPolls()
                                + " checks (" + status.status() + ", " + job.getProgress() + "%).",
                        "The cloud may be busy: put the file back in the inbox later, or raise "
                                + "mp4drop.render.max-polls / mp4drop.render.poll-interval.");
            } else {
                pass.waitUntil(now().plus(timings.renderPollInterval()));
                jobs.save(job);
                LOG.info("{}: rendering {}% (check {} of {})", job.getName(), job.getProgress(), job.getRenderPolls(),
                        timings.maxRenderPolls());
            }
        });
    }

    public void download(@ExchangeProperty("job") Job job, @ExchangeProperties Map<String, Object> properties) {
        retries.guarded(new Pass(job, properties), () -> {
            Path temp = outbox.tempFor(job);
            job.downloading(temp);
            jobs.save(job);
            long started = System.nanoTime();
            try {
                long bytes = client.download(job.getOutputUrl(), temp);
                job.downloaded();
                goOn(job);
                LOG.info("{}: downloaded ({} in {})", job.getName(), HumanReadable.size(bytes),
                        HumanReadable.since(started));
            } catch (OutboxSpace.NoRoom full) {
                job.tempOutputGone();
                outbox.space().waitFor(job, full);
            } catch (RuntimeException e) {
                Files.deleteIfExists(temp);
                job.tempOutputGone();
                throw e;
            }
        });
    }

    /**
     * A render is an AI agent's work and may be the wrong video: before it is published it must decode at its
     * start and end and, for a plain conversion, last as long as the original. One that does not is exported once
     * more (exports are free); failing again, the file fails with {@code bad-render}.
     */
    public void checkOutput(@ExchangeProperty("job") Job job, @ExchangeProperties Map<String, Object> properties)
            throws IOException {
        if (job.getTempOutput() == null) {
            // published before a restart: it passed this check then, and the publish step knows the rest
            return;
        }
        Path render = Path.of(job.getTempOutput());
        boolean sameLength = job.getMedia() != null && LocalInstruction.understands(job.getInstruction());
        try {
            ffmpeg.get().checkRender(job.getMedia() == null ? 0 : job.getMedia().durationSeconds,
                    job.getMedia() == null ? 0 : job.getMedia().shownAspect, sameLength, render);
        } catch (ConversionFailure bad) {
            if (!"bad-render".equals(bad.code())) {
                throw bad;
            }
            Files.deleteIfExists(render);
            job.tempOutputGone();
            if (job.getRenderSubmissions() < timings.maxRenderSubmissions()) {
                LOG.warn("{}: {} Exporting once more with a new render id", job.getName(), bad.getMessage());
                job.exportAgain();
                new Pass(job, properties).waitUntil(now());
                jobs.save(job);
                return;
            }
            // a kill before the failure is recorded finds the render to fetch and check again, not a missing file
            job.renderToFetchAgain();
            jobs.save(job);
            throw new ConversionFailure("render", "bad-render", bad.getMessage().replaceFirst("\\.$", "")
                    + " (after " + job.getRenderSubmissions() + " exports).", bad.hint(), bad.details(), bad);
        }
        if (job.getMedia() != null && job.getMedia().recordedAt != null) {
            RecordingDate recorded = new RecordingDate(job.getMedia().recordedAt, job.getMedia().recordedFrom);
            ffmpeg.get().stampRecordingDate(render, recorded);
            LOG.info("{}: render checked, dated {}", job.getName(), recorded);
        } else {
            LOG.info("{}: render checked", job.getName());
        }
    }

    private void renderFailed(Pass pass, String error) {
        Job job = pass.job();
        String reason = error == null || error.isBlank() ? "no reason given" : error;
        if (job.getRenderSubmissions() < timings.maxRenderSubmissions()) {
            LOG.warn("{}: render {} failed ({}); submitting once more with a new id", job.getName(),
                    job.getRenderId(), reason);
            job.exportAgain();
            pass.waitUntil(now());
            jobs.save(job);
            return;
        }
        throw new ConversionFailure("render", "render-failed",
                "The cloud render failed " + job.getRenderSubmissions() + " times: " + reason,
                "The timeline may not be renderable; open the task in the NemoVideo web app, or try the local engine.");
    }

    /** A step done: the job goes straight on to the next. */
    private void goOn(Job job) {
        job.parkUntil(now());
        jobs.save(job);
    }

    private static ConversionFailure noTimeline(Job job) {
        String message = "The cloud agent did not produce a timeline to export after " + job.getStateChecks()
                + " looks at the session" + agentSaid(job);
        if (!job.isInstructionAnswered()) {
            return new ConversionFailure("instruct", "no-timeline", message
                    + " mp4drop was stopped or lost the connection while sending the instruction, so it may"
                    + " never have reached NemoVideo.",
                    "Put the file back in the inbox to send it again. mp4drop never sends an instruction twice "
                            + "by itself, since each send is charged.");
        }
        return new ConversionFailure("instruct", "no-timeline", message,
                "mp4drop never sends an instruction twice for one file (each send is charged). "
                        + "Check the instruction, then put the file back in the inbox to try again.");
    }

    private static String agentSaid(Job job) {
        String said = job.getAgentText();
        return said == null || said.isBlank() ? "." : "; the agent said: " + said;
    }

    private Instant now() {
        return jobs.now();
    }
}
