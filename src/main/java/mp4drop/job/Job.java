package mp4drop.job;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * One input file's conversion, written to the state folder after every durable step so that a restart
 * resumes it from there. It changes only through methods named after the steps of its life, each checking the
 * stage it comes from; readers use the getters. Jackson reads and writes the fields themselves (never the
 * getters), so the record on disk and in the database keeps the shape earlier versions wrote.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class Job {
    private String id;
    /** The original, absolute, while it sits in the inbox. */
    private String source;
    /** The name the person gave the file: every output and error name is made from it. */
    private String name;
    /** The subfolder of the inbox the file came from ("" at the top): outbox, archive and failed mirror it. */
    private String folder = "";
    /** Where the engine and instruction came from: a sidecar, a folder's settings file, or the defaults. */
    private String settingsReason;
    private long size;
    /** For a link file (.url, .webloc): the video's http(s) address, which may hold secrets (never logged). */
    private String link;
    /** SHA-256 of the content: the same video under another name is recognised by it. */
    private String sha256;
    /** The engine that converts the file: the chosen one, or "local" once the cloud could not take it. */
    private String engine;
    /** Set when the local engine took over from the cloud: a short code (metrics) and the reason in words. */
    private String fallback;
    private String fallbackReason;
    /** Counted against the credits read before the batch (once per file). */
    private boolean creditsReserved;
    /** The original as the probe at the inbox found it. */
    private SourceMedia media;
    private String instruction;
    private Stage stage = Stage.NEW;

    private String taskId;
    private String sessionId;
    private String mediaUrl;
    private String agentText;
    /** False while an instruction is on its way: after a kill then, nobody knows whether it arrived. */
    private boolean instructionAnswered;
    private JsonNode draft;
    private String stateFingerprint;
    private String renderId;
    private String outputUrl;
    private String tempOutput;
    private String output;
    /**
     * A DVD title's MP4, relative to the outbox and without ".mp4" ("trips/Holiday 2004"): it is named after the
     * disc's folder. Null for any other file, whose MP4 is named after the original.
     */
    private String dvdTitle;
    /** Where the original went (archive or failed): recorded before the move, so a restart can finish it. */
    private String originalMovedTo;
    /** Set when this file's content had been converted before: the earlier MP4. */
    private String duplicateOf;
    /** Why the job failed, as in its error file. */
    private String failureCode;
    private String failureMessage;

    private int stateChecks;
    private int unchangedStateChecks;
    private int renderSubmissions;
    private int renderPolls;
    private int transientErrors;
    private int rateLimitRetries;
    private int sessionRestarts;
    private int progress;

    private Instant createdAt;
    private Instant updatedAt;
    private Instant nextCheckAt;
    /** The stage whose duration is being measured, and since when. */
    private Stage timedStage;
    private Instant timedSince;

    /** For Jackson, reading a record. */
    private Job() {
    }

    /** Taken from the inbox: see {@link NewJob}. */
    Job(String id, Path source, long size, String sha256, FileInstructions settings, Instant now) {
        this.id = id;
        this.source = source.toAbsolutePath().toString();
        this.name = source.getFileName().toString();
        this.folder = settings.outputSubPath().toString();
        this.size = size;
        this.sha256 = sha256;
        this.engine = settings.engine();
        this.instruction = settings.instruction();
        this.settingsReason = settings.reason();
        this.createdAt = now;
        this.nextCheckAt = now;
    }

    /** A failure known only from its error file (a file that failed before it had a job, or a job since removed). */
    public static Job failedWithoutRecord(String name, String code, String message, Instant failedAt) {
        Job job = new Job();
        job.name = name;
        job.id = "no-job-" + name;
        job.stage = Stage.FAILED;
        job.failureCode = code;
        job.failureMessage = message;
        job.updatedAt = failedAt;
        return job;
    }

    // The steps at the inbox, before anything is converted.

    /** What the look at the inbox found: the probe's findings, and the address when the original is a link. */
    public void probed(SourceMedia found, Link address) {
        expect("probed", Stage.NEW);
        media = found;
        link = address == null ? null : address.uri().toString();
    }

    /** A DVD title is converted as one video named after the disc, and measured by all its parts. */
    public void takenAsDvdTitle(Path outputPath, long allPartsSize) {
        expect("a DVD title", Stage.NEW);
        dvdTitle = outputPath.toString();
        size = allPartsSize;
    }

    /** The same content was converted before, to {@code earlierOutput}: it is archived, not converted again. */
    public void sameContentAs(String earlierOutput) {
        expect("same content", Stage.NEW);
        duplicateOf = earlierOutput;
    }

    /** Counted against the credits read before the batch, once. */
    public void reserveCredits() {
        creditsReserved = true;
    }

    // The cloud's steps, in the order of routes/20-cloud.camel.yaml.

    public void sessionOpened(String newTaskId, String newSessionId) {
        move("session opened", Stage.SESSION_OPEN, Stage.NEW);
        taskId = newTaskId;
        sessionId = newSessionId;
    }

    public void uploaded(String cdnUrl) {
        move("uploaded", Stage.UPLOADED, Stage.SESSION_OPEN);
        mediaUrl = cdnUrl;
    }

    /** Recorded before the instruction leaves: from here on it is never sent again. */
    public void instructionSent() {
        move("instruction sent", Stage.INSTRUCTED, Stage.UPLOADED);
    }

    /** A 429: the API refused the instruction before doing anything, so it may be sent once more. */
    public void instructionRefused() {
        move("instruction refused", Stage.UPLOADED, Stage.INSTRUCTED);
    }

    /** @param arrived false when the stream broke before its first event: the instruction may never have arrived */
    public void instructionAnswered(String text, boolean arrived) {
        expect("instruction answered", Stage.INSTRUCTED);
        agentText = text;
        instructionAnswered = arrived;
    }

    /** One more look at the session state. */
    public void stateChecked() {
        expect("state checked", Stage.INSTRUCTED);
        stateChecks++;
    }

    /** No timeline yet: counts the looks that found the session as the one before. */
    public void noDraftYet(String fingerprint) {
        expect("no draft yet", Stage.INSTRUCTED);
        unchangedStateChecks = fingerprint.equals(stateFingerprint) ? unchangedStateChecks + 1 : 0;
        stateFingerprint = fingerprint;
    }

    public void draftReady(JsonNode timeline) {
        move("draft ready", Stage.DRAFT_READY, Stage.INSTRUCTED);
        draft = timeline;
    }

    /** A new render id, recorded before the export is submitted so that a retry submits the same one. */
    public void renderNamed(String newRenderId) {
        expect("render named", Stage.DRAFT_READY);
        renderId = newRenderId;
        renderSubmissions++;
        renderPolls = 0;
    }

    public void renderSubmitted() {
        move("render submitted", Stage.RENDERING, Stage.DRAFT_READY);
    }

    /** @param percent null when the answer gave none: the last one stands */
    public void renderPolled(Integer percent) {
        expect("render polled", Stage.RENDERING);
        renderPolls++;
        progress = percent == null ? progress : percent;
    }

    public void renderFinished(String url) {
        move("render finished", Stage.RENDERED, Stage.RENDERING);
        outputUrl = url;
    }

    /** A render that failed, or whose result failed its check: exported once more, under a new render id. */
    public void exportAgain() {
        move("export again", Stage.DRAFT_READY, Stage.RENDERING, Stage.OUTPUT_READY);
        renderId = null;
        outputUrl = null;
    }

    /** The render is being fetched into {@code temp}. */
    public void downloading(Path temp) {
        expect("downloading", Stage.RENDERED);
        tempOutput = temp.toString();
    }

    public void downloaded() {
        move("downloaded", Stage.OUTPUT_READY, Stage.RENDERED);
    }

    /** A render that failed its check for the last time: a kill before the failure is recorded fetches it again. */
    public void renderToFetchAgain() {
        move("render to fetch again", Stage.RENDERED, Stage.OUTPUT_READY);
    }

    // Retries, which survive a restart.

    public void rateLimitRetried() {
        rateLimitRetries++;
    }

    public void transientErrorRetried() {
        transientErrors++;
    }

    /** Code 1002: the cloud lost the session, so the job starts over from the upload. */
    public void sessionLost() {
        expectUnfinished("session lost");
        stage = Stage.NEW;
        sessionRestarts++;
        instructionAnswered = false;
        sessionId = null;
        taskId = null;
        mediaUrl = null;
        draft = null;
        stateFingerprint = null;
        renderId = null;
    }

    /**
     * The local engine takes the file over from the cloud: recorded as the local engine's from its start, so that a
     * restart goes on locally. A render already fetched is dropped (its file deleted by the caller).
     */
    public void fellBack(String code, String reason) {
        expectUnfinished("fell back");
        engine = "local";
        fallback = code;
        fallbackReason = reason;
        stage = Stage.NEW;
        renderId = null;
        outputUrl = null;
        tempOutput = null;
        progress = 0;
    }

    // The local engine's steps.

    /** FFmpeg writes into {@code temp}: a new job, or one encoded before a restart and not yet published (again). */
    public void encoding(Path temp) {
        expect("encoding", Stage.NEW, Stage.OUTPUT_READY);
        tempOutput = temp.toString();
    }

    /** Read by the web page's live view from the job store's unfinished jobs. */
    public void progressed(int percent) {
        progress = percent;
    }

    public void encoded() {
        move("encoded", Stage.OUTPUT_READY, Stage.NEW, Stage.OUTPUT_READY);
    }

    // Publishing, and the end.

    /** The temporary output was deleted, or never made: nothing to publish or clean up. */
    public void tempOutputGone() {
        tempOutput = null;
    }

    /** The MP4's name in the outbox, recorded before the move that takes it. */
    public void publishingAs(Path target) {
        expect("publishing", Stage.OUTPUT_READY);
        output = target.toString();
    }

    /** Where the original goes (archive or failed), recorded before the move. */
    public void originalMovingTo(Path target) {
        originalMovedTo = target.toString();
    }

    /** The MP4 is in the outbox and the original in the archive. */
    public void published() {
        move("published", Stage.DONE, Stage.OUTPUT_READY);
    }

    /** Archived without converting: the earlier MP4 is this file's output. */
    public void archivedAsDuplicate() {
        move("archived as a duplicate", Stage.DONE, Stage.NEW);
        output = duplicateOf;
    }

    public void failed(String code, String message) {
        if (stage == Stage.DONE) {
            throw outOfOrder("failed", Stage.FAILED);
        }
        stage = Stage.FAILED;
        tempOutput = null;
        failureCode = code;
        failureMessage = message;
    }

    /** Waits until {@code when}; the job tick picks it up again then. */
    public void parkUntil(Instant when) {
        nextCheckAt = when;
    }

    /** Every store, as it saves the job: the time of the save, and how long the stage it left took. */
    void saved(Instant now, BiConsumer<Stage, Duration> stageLeft) {
        updatedAt = now;
        if (stage != timedStage) {
            if (timedStage != null && timedSince != null) {
                stageLeft.accept(timedStage, Duration.between(timedSince, updatedAt));
            }
            timedStage = stage;
            timedSince = updatedAt;
        }
    }

    private void move(String step, Stage to, Stage... from) {
        expect(step, from);
        stage = to;
    }

    private void expect(String step, Stage... from) {
        if (!Arrays.asList(from).contains(stage)) {
            throw new IllegalStateException(name + ": \"" + step + "\" comes after " + Arrays.toString(from)
                    + ", but the job is at " + stage);
        }
    }

    private void expectUnfinished(String step) {
        if (stage.finished()) {
            throw outOfOrder(step, Stage.NEW);
        }
    }

    private IllegalStateException outOfOrder(String step, Stage to) {
        return new IllegalStateException(name + ": \"" + step + "\" cannot take the job from " + stage + " to " + to);
    }

    // Readers. The routes' expressions (${exchangeProperty.job.output}) read through these too.

    public String getId() {
        return id;
    }

    public String getSource() {
        return source;
    }

    public String getName() {
        return name;
    }

    public String getFolder() {
        return folder;
    }

    public String getSettingsReason() {
        return settingsReason;
    }

    public long getSize() {
        return size;
    }

    public String getLink() {
        return link;
    }

    public String getSha256() {
        return sha256;
    }

    public String getEngine() {
        return engine;
    }

    public String getFallback() {
        return fallback;
    }

    public String getFallbackReason() {
        return fallbackReason;
    }

    /** "nemo", "local", or "local: NemoVideo is out of credits" when the local engine took over. */
    public String getEngineUsed() {
        return fallbackReason == null ? engine : engine + ": " + fallbackReason;
    }

    public boolean isCreditsReserved() {
        return creditsReserved;
    }

    public SourceMedia getMedia() {
        return media;
    }

    public String getInstruction() {
        return instruction;
    }

    public Stage getStage() {
        return stage;
    }

    public String getTaskId() {
        return taskId;
    }

    public String getSessionId() {
        return sessionId;
    }

    public String getMediaUrl() {
        return mediaUrl;
    }

    public String getAgentText() {
        return agentText;
    }

    public boolean isInstructionAnswered() {
        return instructionAnswered;
    }

    public JsonNode getDraft() {
        return draft;
    }

    public String getStateFingerprint() {
        return stateFingerprint;
    }

    public String getRenderId() {
        return renderId;
    }

    public String getOutputUrl() {
        return outputUrl;
    }

    public String getTempOutput() {
        return tempOutput;
    }

    public String getOutput() {
        return output;
    }

    /** The finished MP4, as a file a route can send on (to another folder, for instance). */
    public File getOutputFile() {
        return output == null ? null : new File(output);
    }

    public String getDvdTitle() {
        return dvdTitle;
    }

    public String getOriginalMovedTo() {
        return originalMovedTo;
    }

    public String getDuplicateOf() {
        return duplicateOf;
    }

    public String getFailureCode() {
        return failureCode;
    }

    public String getFailureMessage() {
        return failureMessage;
    }

    public int getStateChecks() {
        return stateChecks;
    }

    public int getUnchangedStateChecks() {
        return unchangedStateChecks;
    }

    public int getRenderSubmissions() {
        return renderSubmissions;
    }

    public int getRenderPolls() {
        return renderPolls;
    }

    public int getTransientErrors() {
        return transientErrors;
    }

    public int getRateLimitRetries() {
        return rateLimitRetries;
    }

    public int getSessionRestarts() {
        return sessionRestarts;
    }

    public int getProgress() {
        return progress;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getNextCheckAt() {
        return nextCheckAt;
    }

    public Stage getTimedStage() {
        return timedStage;
    }

    public Instant getTimedSince() {
        return timedSince;
    }

    /** True when the job stands at this stage (for the routes: {@code ${exchangeProperty.job.at('NEW')}}). */
    public boolean at(String stageName) {
        return stage == Stage.valueOf(stageName);
    }

    public boolean finished() {
        return stage.finished();
    }

    public Path sourcePath() {
        return Path.of(source);
    }

    /** The video's address when the original is a link file, else null. */
    public Link linkAddress() {
        return link == null ? null : Link.of(link);
    }
}
