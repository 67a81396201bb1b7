package mp4drop.nemo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import mp4drop.job.Link;

/**
 * The NemoVideo API, one method per call. Thread-safe. It never sleeps and never retries on its own: the
 * exception types tell the caller whether and when to try again. The only automatic repeat is a single
 * re-send after an anonymous token was rejected, which is safe because the server accepted nothing.
 *
 * <p>The work is done by three pieces: {@link AuthorisedCalls} (token and renewal), {@link InstructionStream}
 * ({@code /run_sse} under its watchdog) and {@link RenderDownload}. The watchdogs run on a scheduler the
 * caller owns and shuts down: in the app it comes from Camel, a command without Camel uses
 * {@link #standalone}.
 */
public final class NemoClient implements AutoCloseable {
    private final NemoOptions settings;
    private final OnDemandHttpClient api;
    private final OnDemandHttpClient downloadHttp;
    private final AuthorisedCalls calls;
    private final InstructionStream instructions;
    private final RenderDownload downloads;

    public NemoClient(NemoOptions settings, ScheduledExecutorService watchdogs) {
        this(settings, new StateFolderSecrets(settings.stateDir()), watchdogs);
    }

    /** With the secrets kept elsewhere than the state folder (a cluster keeps them in its database). */
    public NemoClient(NemoOptions settings, SecretStore secrets, ScheduledExecutorService watchdogs) {
        this(settings, NemoHttp.apiClient(settings), secrets, watchdogs);
    }

    private NemoClient(NemoOptions settings, OnDemandHttpClient api, SecretStore secrets,
            ScheduledExecutorService watchdogs) {
        Clock clock = Clock.systemUTC();
        this.settings = settings;
        this.api = api;
        this.downloadHttp = NemoHttp.downloadClient(settings);
        this.calls = new AuthorisedCalls(settings, new CredentialStore(settings, api, clock, secrets), api, clock);
        this.instructions = new InstructionStream(settings, calls, api, watchdogs);
        this.downloads = new RenderDownload(settings, downloadHttp, watchdogs, clock);
    }

    /** Lets go of the connections: called once nothing more is sent, when mp4drop stops. */
    @Override
    public void close() {
        api.close();
        downloadHttp.close();
    }

    /**
     * For a command that runs without Camel: a client whose watchdog thread lives only while {@code use} runs,
     * and is stopped when it returns or fails.
     */
    public static <T> T standalone(NemoOptions settings, Function<NemoClient, T> use) {
        ScheduledExecutorService watchdogs = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nemo-stream-watchdog");
            t.setDaemon(true);
            return t;
        });
        try (NemoClient client = new NemoClient(settings, watchdogs)) {
            return use.apply(client);
        } finally {
            watchdogs.shutdownNow();
        }
    }

    /** A fresh render id: every export submission needs a new one. */
    public static String newRenderId() {
        return "render_" + UUID.randomUUID().toString().replace("-", "");
    }

    public Session createSession(String taskName) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("task_name", taskName).put("language", "en");
        JsonNode data = calls.callJson("session",
                c -> calls.postJson("/api/tasks/me/with-session/nemo_agent", c, body));
        String sessionId = Json.text(data, "session_id", "sessionId");
        if (sessionId == null || sessionId.isBlank()) {
            throw ErrorMapper.badResponse("session", 200, "the new session has no session_id");
        }
        return new Session(Json.text(data, "task_id", "taskId"), sessionId);
    }

    /** Uploads one file as multipart part {@code files}, streamed from disk, under its own name. */
    public UploadedMedia upload(String sessionId, Path file) {
        return upload(sessionId, file, file.getFileName().toString());
    }

    /** Uploads one file under the name the server is told (a repackaged copy goes under the original's name). */
    public UploadedMedia upload(String sessionId, Path file, String uploadName) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new NemoApiException("upload", "unreadable-file", "The file " + file.getFileName()
                    + " cannot be read", "Check that the file still exists and that mp4drop may read it.", null, 0,
                    null);
        }
        String path = "/api/upload-video/nemo_agent/me/" + UrlParts.segment(sessionId);
        JsonNode data = calls.callJson("upload", c -> {
            MultipartBody multipart = new MultipartBody();
            try {
                return calls.request(path, c, settings.uploadTimeout())
                        .header("Content-Type", multipart.contentType())
                        .POST(multipart.filePart("files", file, uploadName))
                        .build();
            } catch (FileNotFoundException e) {
                throw new NemoApiException("upload", "unreadable-file", "The file " + file.getFileName()
                        + " disappeared before the upload", "Drop the file in again.", null, 0, e);
            }
        });
        return uploadedMedia(data);
    }

    /**
     * Hands the API a video's address to fetch itself ({@code source_type} url): no bytes leave this machine. An
     * error answer that quotes the address is reported without its secrets.
     */
    public UploadedMedia uploadUrl(String sessionId, Link video) {
        String path = "/api/upload-video/nemo_agent/me/" + UrlParts.segment(sessionId);
        ObjectNode body = Json.MAPPER.createObjectNode().put("source_type", "url");
        body.putArray("urls").add(video.uri().toString());
        return uploadedMedia(calls.callJson("upload", c -> calls.request(path, c, settings.uploadTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build(), video::redact));
    }

    private static UploadedMedia uploadedMedia(JsonNode data) {
        JsonNode first = data.path("files").path(0);
        String cdnUrl = Json.text(first, "cdn_url", "cdnUrl", "url");
        if (cdnUrl == null || cdnUrl.isBlank()) {
            throw ErrorMapper.badResponse("upload", 200, "the upload answer names no cdn_url");
        }
        return new UploadedMedia(cdnUrl, Json.text(first, "filename"), Json.text(first, "file_type"),
                Json.decimal(first, "duration"), Json.integer(first, "width"), Json.integer(first, "height"));
    }

    /**
     * Sends one instruction and reads the agent's stream to its end. Never re-sends: a dropped or timed-out
     * stream comes back as an outcome, and the caller settles it by reading the state.
     */
    public InstructionOutcome instruct(String sessionId, String instruction) {
        return instructions.instruct(sessionId, instruction);
    }

    public SessionState state(String sessionId) {
        String path = "/api/state/nemo_agent/me/" + UrlParts.segment(sessionId) + "/latest";
        JsonNode data = calls.callJson("state", c -> calls.request(path, c, settings.requestTimeout()).GET().build());
        JsonNode state = data.get("state");
        if (state != null && state.isObject()) {
            return SessionState.of(state);
        }
        if (data.isObject()) {
            return SessionState.of(data);
        }
        throw ErrorMapper.badResponse("state", 200, "the state answer is not an object");
    }

    /** Submits an export. {@code renderId} must be new for every submission (see {@link #newRenderId()}). */
    public RenderStatus submitRender(String sessionId, JsonNode draft, String renderId) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("id", renderId).put("sessionId", sessionId);
        body.set("draft", draft);
        body.putObject("output").put("format", "mp4").put("quality", "high");
        JsonNode data = calls.callJson("export", c -> calls.postJson("/api/render/proxy/lambda", c, body));
        RenderStatus status = RenderStatus.of(data.isObject() ? data : Json.MAPPER.createObjectNode());
        return status.id() != null ? status
                : new RenderStatus(renderId, status.status(), status.progress(), status.outputUrl(),
                        status.outputSize(), status.error());
    }

    public RenderStatus renderStatus(String renderId) {
        String path = "/api/render/proxy/lambda/" + UrlParts.segment(renderId);
        JsonNode data = calls.callJson("render", c -> calls.request(path, c, settings.requestTimeout()).GET().build());
        if (!data.isObject()) {
            throw ErrorMapper.badResponse("render", 200, "the render status is not an object");
        }
        return RenderStatus.of(data);
    }

    public Credits credits() {
        JsonNode data = calls.callJson("credits",
                c -> calls.request("/api/credits/balance/simple", c, settings.requestTimeout()).GET().build());
        Long available = Json.number(data, "available");
        if (available == null) {
            throw ErrorMapper.badResponse("credits", 200, "the balance has no available count");
        }
        Long frozen = Json.number(data, "frozen");
        Long total = Json.number(data, "total");
        return new Credits(available, frozen == null ? 0 : frozen, total == null ? available : total);
    }

    /**
     * Streams the rendered MP4 to {@code target} (created or truncated) and returns the bytes written. The
     * URL is a public CDN link: no token and no attribution header go there. A failed download leaves no
     * partial file behind; one whose announced size does not fit on the target's disk is not begun
     * ({@link mp4drop.outbox.OutboxSpace.NoRoom}).
     */
    public long download(String url, Path target) {
        return downloads.download(url, target);
    }

    /** Any HTTP answer from the API host, even 404, means reachable. Asks for no token. */
    public boolean reachable(Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(settings.apiBase()).timeout(timeout).GET().build();
        try {
            api.send(request, HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
