package mp4drop.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What the stand-in has seen, served as JSON at GET /_standin/stats. Thread-safe counters only. */
final class StandInStats {
    final AtomicInteger tokens = new AtomicInteger();
    final AtomicInteger sessions = new AtomicInteger();
    final AtomicInteger uploads = new AtomicInteger();
    final AtomicInteger uploadsCompleted = new AtomicInteger();
    final AtomicLong uploadBodyBytes = new AtomicLong();
    final AtomicLong uploadFileBytes = new AtomicLong();
    /** Uploads refused as the real API refuses them: another container (4001), over the size limit (4002). */
    final AtomicInteger uploadsRefusedType = new AtomicInteger();
    final AtomicInteger uploadsRefusedSize = new AtomicInteger();
    /** Uploads by address (source_type url): the API fetches the video, no file bytes arrive. */
    final AtomicInteger urlUploads = new AtomicInteger();
    /** The container of every file uploaded, as its first bytes show it ("matroska", "mp4", "avi", ...). */
    final ConcurrentMap<String, AtomicInteger> containersUploaded = new ConcurrentHashMap<>();
    final AtomicInteger runSse = new AtomicInteger();
    final AtomicInteger runSseOpen = new AtomicInteger();
    /** Instructions refused with 2001 because the credits were spent. */
    final AtomicInteger runSseOutOfCredits = new AtomicInteger();
    final AtomicInteger stateCalls = new AtomicInteger();
    final AtomicInteger rendersSubmitted = new AtomicInteger();
    final AtomicInteger renderStatusCalls = new AtomicInteger();
    final AtomicInteger downloads = new AtomicInteger();
    final AtomicInteger downloadsCompleted = new AtomicInteger();
    final AtomicInteger downloadsAborted = new AtomicInteger();
    final AtomicLong downloadBytes = new AtomicLong();
    final AtomicInteger downloadsOpen = new AtomicInteger();
    final AtomicBoolean cdnAuthorization = new AtomicBoolean();
    final AtomicInteger missingBearer = new AtomicInteger();
    final AtomicInteger missingAttribution = new AtomicInteger();
    final ConcurrentMap<String, AtomicInteger> runSseBySession = new ConcurrentHashMap<>();
    final ConcurrentMap<String, AtomicInteger> uploadsBySession = new ConcurrentHashMap<>();
    /** session id -> the file name of its (last) upload, to tell which file a session worked on. */
    final ConcurrentMap<String, String> fileBySession = new ConcurrentHashMap<>();
    final ConcurrentMap<String, AtomicInteger> submissionsByRenderId = new ConcurrentHashMap<>();

    static void bump(ConcurrentMap<String, AtomicInteger> map, String key) {
        map.computeIfAbsent(String.valueOf(key), k -> new AtomicInteger()).incrementAndGet();
    }

    ObjectNode toJson(ObjectMapper json) {
        ObjectNode out = json.createObjectNode();
        out.put("tokens", tokens.get());
        out.put("sessions", sessions.get());
        out.put("uploads", uploads.get());
        out.put("uploads_completed", uploadsCompleted.get());
        out.put("upload_body_bytes", uploadBodyBytes.get());
        out.put("upload_file_bytes", uploadFileBytes.get());
        out.put("uploads_refused_type", uploadsRefusedType.get());
        out.put("uploads_refused_size", uploadsRefusedSize.get());
        out.put("url_uploads", urlUploads.get());
        out.set("containers_uploaded", json.valueToTree(counts(containersUploaded)));
        out.put("run_sse_total", runSse.get());
        out.put("run_sse_open", runSseOpen.get());
        out.put("run_sse_out_of_credits", runSseOutOfCredits.get());
        out.set("run_sse_by_session", json.valueToTree(counts(runSseBySession)));
        out.set("run_sse_by_file", json.valueToTree(runSseByFile()));
        out.set("uploads_by_session", json.valueToTree(counts(uploadsBySession)));
        out.set("file_by_session", json.valueToTree(new TreeMap<>(fileBySession)));
        out.put("state_calls", stateCalls.get());
        out.put("renders_submitted", rendersSubmitted.get());
        out.put("render_ids_submitted_more_than_once", (int) submissionsByRenderId.values().stream()
                .filter(n -> n.get() > 1).count());
        out.put("render_status_calls", renderStatusCalls.get());
        out.put("downloads", downloads.get());
        out.put("downloads_completed", downloadsCompleted.get());
        out.put("downloads_aborted", downloadsAborted.get());
        out.put("downloads_open", downloadsOpen.get());
        out.put("download_bytes", downloadBytes.get());
        out.put("cdn_authorization_seen", cdnAuthorization.get());
        out.put("api_calls_without_bearer", missingBearer.get());
        out.put("api_calls_without_attribution", missingAttribution.get());
        return out;
    }

    private static Map<String, Integer> counts(ConcurrentMap<String, AtomicInteger> map) {
        Map<String, Integer> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** /run_sse calls summed over the sessions that uploaded each file name ("?" for a session without upload). */
    private Map<String, Integer> runSseByFile() {
        Map<String, Integer> out = new TreeMap<>();
        runSseBySession.forEach((session, n) -> out.merge(fileBySession.getOrDefault(session, "?"), n.get(), Integer::sum));
        return out;
    }
}
