package mp4drop.report;

import mp4drop.job.Job;

/**
 * Where a file stands, in the words a person watching the run uses. Several job stages share a phase
 * because the difference between them (a session opened, a file uploaded) means nothing to the reader.
 */
public enum Phase {
    WAITING("waiting"),
    UPLOADING("uploading"),
    WITH_AGENT("with the agent"),
    CONVERTING_LOCALLY("converting locally"),
    RENDERING("rendering"),
    DOWNLOADING("downloading"),
    DONE("done"),
    FAILED("failed");

    private final String words;

    Phase(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    public static Phase of(Job job) {
        return switch (job.getStage()) {
            // a NEW job has done nothing durable yet, except that the cloud may have opened its session
            // or FFmpeg may have been given its temporary output
            case NEW -> job.getSessionId() != null ? UPLOADING
                    : "local".equals(job.getEngine()) && job.getTempOutput() != null ? CONVERTING_LOCALLY : WAITING;
            case SESSION_OPEN, UPLOADED -> UPLOADING;
            case INSTRUCTED, DRAFT_READY -> WITH_AGENT;
            case RENDERING, RENDERED -> RENDERING;
            case OUTPUT_READY -> DOWNLOADING;
            case DONE -> DONE;
            case FAILED -> FAILED;
        };
    }
}
