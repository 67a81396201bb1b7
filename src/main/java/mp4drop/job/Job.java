package mp4drop.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One input file's conversion, written to the state folder after every durable step so that a restart
 * resumes it from there. Public fields because this is a plain record that Jackson reads and writes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Job {
    public String id;
    /** The original, absolute, while it sits in the inbox. */
    public String source;
    /** The name the person gave the file: every output and error name is made from it. */
    public String name;
    /** The subfolder of the inbox the file came from ("" at the top): outbox, archive and failed mirror it. */
    public String folder = "";
    /** Where the engine and instruction came from: a sidecar, a folder's settings file, or the defaults. */
    public String settingsReason;
    public long size;
    /** For a link file (.url, .webloc): the video's http(s) address, which may hold secrets (never logged). */
    public String link;
    /** SHA-256 of the content: the same video under another name is recognised by it. */
    public String sha256;
    /** The engine that converts the file: the chosen one, or "local" once the cloud could not take it. */
    public String engine;
    /** Set when the local engine took over from the cloud: a short code (metrics) and the reason in words. */
    public String fallback;
    public String fallbackReason;
    /** Counted against the credits read before the batch (once per file). */
    public boolean creditsReserved;
    /** The original as the probe at the inbox found it. */
    public SourceMedia media;
    public String instruction;
    public Stage stage = Stage.NEW;

    public String taskId;
    public String sessionId;
    public String mediaUrl;
    public String agentText;
    /** False while an instruction is on its way: after a kill then, nobody knows whether it arrived. */
    public boolean instructionAnswered;
    public JsonNode draft;
    public String stateFingerprint;
    public String renderId;
    public String outputUrl;
    public String tempOutput;
    public String output;
    /**
     * A DVD title's MP4, relative to the outbox and without ".mp4" ("trips/Holiday 2004"): it is named after the
     * disc's folder. Null for any other file, whose MP4 is named after the original.
     */
    public String dvdTitle;
    /** Where the original went (archive or failed): recorded before the move, so a restart can finish it. */
    public String originalMovedTo;
    /** Set when this file's content had been converted before: the earlier MP4. */
    public String duplicateOf;
    /** Why the job failed, as in its error file. */
    public String failureCode;
    public String failureMessage;

    public int stateChecks;
    public int unchangedStateChecks;
    public int renderSubmissions;
    public int renderPolls;
    public int transientErrors;
    public int rateLimitRetries;
    public int sessionRestarts;
    public int progress;

    public Instant createdAt;
    public Instant updatedAt;
    public Instant nextCheckAt;
    /** The stage whose duration is being measured, and since when. */
    public Stage timedStage;
    public Instant timedSince;

    // Getters for the routes' expressions (${exchangeProperty.job.output}), which read through getters.

    public String getName() {
        return name;
    }

    public String getFolder() {
        return folder;
    }

    public String getSource() {
        return source;
    }

    public String getEngine() {
        return engine;
    }

    /** "nemo", "local", or "local: NemoVideo is out of credits" when the local engine took over. */
    @JsonIgnore
    public String getEngineUsed() {
        return fallbackReason == null ? engine : engine + ": " + fallbackReason;
    }

    public String getInstruction() {
        return instruction;
    }

    public Stage getStage() {
        return stage;
    }

    public String getOutput() {
        return output;
    }

    /** The finished MP4, as a file a route can send on (to another folder, for instance). */
    @JsonIgnore
    public File getOutputFile() {
        return output == null ? null : new File(output);
    }

    public String getDuplicateOf() {
        return duplicateOf;
    }

    public int getProgress() {
        return progress;
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
    @JsonIgnore
    public Link linkAddress() {
        return link == null ? null : Link.of(link);
    }

    /** Waits until {@code when}; the job tick picks it up again then. */
    public void parkUntil(Instant when) {
        nextCheckAt = when;
    }
}
