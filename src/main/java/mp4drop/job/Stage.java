package mp4drop.job;

/** Where a file's job stands. The order is the order of the flow: a job only moves forward, except to retry. */
public enum Stage {
    NEW,
    SESSION_OPEN,
    UPLOADED,
    INSTRUCTED,
    DRAFT_READY,
    RENDERING,
    RENDERED,
    OUTPUT_READY,
    DONE,
    FAILED;

    public boolean finished() {
        return this == DONE || this == FAILED;
    }
}
