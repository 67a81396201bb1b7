package mp4drop.job;

import java.util.LinkedHashMap;
import java.util.Map;

/** Hand-made job records for the tests, read as a store reads them: a job's fields change only by its steps. */
public final class Jobs {
    private static int next;

    private Jobs() {
    }

    /** @param fields more fields of the record, as name and value pairs ("engine", "local", "progress", 37) */
    public static Job job(String name, Stage stage, Object... fields) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", String.format("20260110-020000-%08d", next++));
        record.put("name", name);
        record.put("source", "/inbox/" + name);
        record.put("stage", stage);
        record.put("engine", "nemo");
        record.put("createdAt", "2026-01-10T02:00:00Z");
        record.put("updatedAt", "2026-01-10T02:00:00Z");
        for (int i = 0; i < fields.length; i += 2) {
            record.put((String) fields[i], fields[i + 1]);
        }
        return JsonMapping.MAPPER.convertValue(record, Job.class);
    }

    public static Job rendering(String name, int progress) {
        return job(name, Stage.RENDERING, "progress", progress);
    }

    public static Job failed(String name, String code, String message, String at) {
        return job(name, Stage.FAILED, "failureCode", code, "failureMessage", message, "updatedAt", at);
    }

    /** A new job taken through the cloud's steps until its render is submitted. */
    public static Job renderSubmitted(Job job, String renderId) {
        job.sessionOpened("t-1", "s-1");
        job.uploaded("https://cdn.example/" + job.getName());
        job.instructionSent();
        job.draftReady(JsonMapping.MAPPER.createObjectNode());
        job.renderNamed(renderId);
        job.renderSubmitted();
        return job;
    }
}
