package mp4drop.nemo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import mp4drop.nemo.InstructionOutcome.Ending;
import mp4drop.outbox.OutboxSpace;
import mp4drop.outbox.WriteFailure;

/**
 * The NemoVideo API, one method per call. Thread-safe. It never sleeps and never retries on its own: the
 * exception types tell the caller whether and when to try again. The only automatic repeat is a single
 * re-send after an anonymous token was rejected, which is safe because the server accepted nothing.
 */
public final class NemoClient {
    private static final ScheduledExecutorService WATCHDOGS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "nemo-stream-watchdog");
        t.setDaemon(true);
        return t;
    });
    /** Error bodies are small; a larger one is not an API answer. */
    private static final int MAX_ERROR_BODY = 1 << 20;

    private final NemoOptions settings;
    private final CredentialStore credentials;
    private final HttpClient api;
    private final HttpClient downloads;
    private final Clock clock = Clock.systemUTC();

    public NemoClient(NemoOptions settings) {
        this(settings, NemoHttp.apiClient(settings));
    }

    public NemoClient(NemoOptions settings, CredentialStore credentials) {
        this(settings, credentials, NemoHttp.apiClient(settings));
    }

    private NemoClient(NemoOptions settings, HttpClient api) {
        this(settings, new CredentialStore(settings, api, Clock.systemUTC()), api);
    }

    private NemoClient(NemoOptions settings, CredentialStore credentials, HttpClient api) {
        this.settings = settings;
        this.credentials = credentials;
        this.api = api;
        this.downloads = NemoHttp.downloadClient(settings);
    }

    /** A fresh render id: every export submission needs a new one. */
    public static String newRenderId() {
        return "render_" + UUID.randomUUID().toString().replace("-", "");
    }

    public Session createSession(String taskName) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("task_name", taskName).put("language", "en");
        JsonNode data = callJson("session", c -> postJson("/api/tasks/me/with-session/nemo_agent", c, body));
        String sessionId = Json.text(data, "session_id", "sessionId");
        if (sessionId == null || sessionId.isBlank()) {
            throw ErrorMapper.badResponse("session", 200, "the new session has no session_id");
        }
        return new Session(Json.text(data, "task_id", "taskId"), sessionId);
    }

    /** Uploads one file as multipart part {@code files}, streamed from disk. */
    public UploadedMedia upload(String sessionId, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new NemoApiException("upload", "unreadable-file", "The file " + file.getFileName()
                    + " cannot be read", "Check that the file still exists and that mp4drop may read it.", null, 0,
                    null);
        }
        String path = "/api/upload-video/nemo_agent/me/" + UrlParts.segment(sessionId);
        JsonNode data = callJson("upload", c -> {
            MultipartBody multipart = new MultipartBody();
            try {
                return request(path, c, settings.uploadTimeout())
                        .header("Content-Type", multipart.contentType())
                        .POST(multipart.filePart("files", file))
                        .build();
            } catch (FileNotFoundException e) {
                throw new NemoApiException("upload", "unreadable-file", "The file " + file.getFileName()
                        + " disappeared before the upload", "Drop the file in again.", null, 0, e);
            }
        });
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
        ObjectNode body = Json.MAPPER.createObjectNode()
                .put("app_name", "nemo_agent")
                .put("user_id", "me")
                .put("session_id", sessionId);
        body.putObject("new_message").putArray("parts").addObject().put("text", instruction);
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        Credentials creds = credentials.current();
        Turn turn = streamTurn(creds, bytes);
        if (turn.rejected() != null) {
            creds = renewOrStop("instruct", creds, turn.rejected());
            turn = streamTurn(creds, bytes);
            if (turn.rejected() != null) {
                throw rejectedAgain("instruct", turn.rejected());
            }
        }
        return turn.outcome();
    }

    public SessionState state(String sessionId) {
        String path = "/api/state/nemo_agent/me/" + UrlParts.segment(sessionId) + "/latest";
        JsonNode data = callJson("state", c -> request(path, c, settings.requestTimeout()).GET().build());
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
        JsonNode data = callJson("export", c -> postJson("/api/render/proxy/lambda", c, body));
        RenderStatus status = RenderStatus.of(data.isObject() ? data : Json.MAPPER.createObjectNode());
        return status.id() != null ? status
                : new RenderStatus(renderId, status.status(), status.progress(), status.outputUrl(),
                        status.outputSize(), status.error());
    }

    public RenderStatus renderStatus(String renderId) {
        String path = "/api/render/proxy/lambda/" + UrlParts.segment(renderId);
        JsonNode data = callJson("render", c -> request(path, c, settings.requestTimeout()).GET().build());
        if (!data.isObject()) {
            throw ErrorMapper.badResponse("render", 200, "the render status is not an object");
        }
        return RenderStatus.of(data);
    }

    public Credits credits() {
        JsonNode data = callJson("credits",
                c -> request("/api/credits/balance/simple", c, settings.requestTimeout()).GET().build());
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
     * ({@link OutboxSpace.NoRoom}).
     */
    public long download(String url, Path target) {
        URI uri = outputUri(url);
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        AtomicReference<InputStream> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<InputStream>> future =
                downloads.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        try (StreamWatchdog watchdog = new StreamWatchdog(WATCHDOGS, settings.downloadStallTimeout(), null, () -> {
            future.cancel(true);
            closeQuietly(body.get());
        })) {
            HttpResponse<InputStream> response = awaitDownload(future, watchdog);
            body.set(response.body());
            try (InputStream in = response.body()) {
                int status = response.statusCode();
                if (status < 200 || status >= 300) {
                    throw downloadRefused(status, response.headers());
                }
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > settings.maxDownloadBytes()) {
                    throw tooLarge(declared);
                }
                OutboxSpace.requireRoom(target.toAbsolutePath().getParent(), declared);
                return copy(in, target, declared, watchdog);
            }
        } catch (IOException e) {
            deleteQuietly(target);
            throw ErrorMapper.network("download", e);
        } catch (RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
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

    // --- JSON calls -------------------------------------------------------------------------------

    private record Answer(int status, HttpHeaders headers, Envelope envelope) {
        boolean authRejected() {
            return status == 401 || Integer.valueOf(1001).equals(envelope.apiCode());
        }
    }

    private JsonNode callJson(String stage, Function<Credentials, HttpRequest> request) {
        Credentials creds = credentials.current();
        Answer answer = exchange(stage, request.apply(creds));
        if (answer.authRejected()) {
            creds = renewOrStop(stage, creds, answer);
            answer = exchange(stage, request.apply(creds));
            if (answer.authRejected()) {
                throw rejectedAgain(stage, answer);
            }
        }
        if (!answer.envelope().ok()) {
            throw failure(stage, answer);
        }
        return answer.envelope().data();
    }

    private Answer exchange(String stage, HttpRequest request) {
        try {
            HttpResponse<String> response = api.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers(),
                    Envelope.read(response.statusCode(), response.body()));
        } catch (IOException e) {
            throw ErrorMapper.network(stage, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ErrorMapper.interrupted(stage, e);
        }
    }

    private HttpRequest.Builder request(String path, Credentials creds, Duration timeout) {
        return NemoHttp.attributed(HttpRequest.newBuilder(UrlParts.api(settings.apiBase(), path)), settings)
                .header("Authorization", "Bearer " + creds.token())
                .header("Accept", "application/json")
                .timeout(timeout);
    }

    private HttpRequest postJson(String path, Credentials creds, JsonNode body) {
        return request(path, creds, settings.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
    }

    private NemoApiException failure(String stage, Answer answer) {
        Envelope envelope = answer.envelope();
        if (envelope.unusable() != null) {
            return ErrorMapper.badResponse(stage, answer.status(), envelope.unusable());
        }
        return ErrorMapper.fromAnswer(stage, answer.status(), envelope.apiCode(), redact(envelope.message()),
                answer.headers().firstValue("Retry-After").orElse(null),
                settings.registerUrl(credentials.userId().orElse(null)), clock);
    }

    /** NEMO_TOKEN cannot be replaced, so its rejection stops the run; an anonymous token is renewed. */
    private Credentials renewOrStop(String stage, Credentials rejected, Answer answer) {
        if (!rejected.anonymous()) {
            throw new TokenRejectedException(stage, codeOf(answer),
                    "NemoVideo rejected the token in NEMO_TOKEN " + ErrorMapper.where(stage),
                    "The run stops: check that NEMO_TOKEN is current (or unset it to use an anonymous token) and "
                            + "start the run again.",
                    answer.envelope().apiCode(), answer.status());
        }
        return credentials.renew(rejected);
    }

    private TokenRejectedException rejectedAgain(String stage, Answer answer) {
        return new TokenRejectedException(stage, codeOf(answer),
                "NemoVideo rejected a freshly issued anonymous token " + ErrorMapper.where(stage),
                "The run stops: anonymous access seems refused right now. Set NEMO_TOKEN to an account token, or "
                        + "try again later.",
                answer.envelope().apiCode(), answer.status());
    }

    private static String codeOf(Answer answer) {
        Integer code = answer.envelope().apiCode();
        return code != null ? code.toString() : "http-" + answer.status();
    }

    private String redact(String text) {
        return ErrorMapper.redact(text, credentials.secrets());
    }

    // --- instruction stream -----------------------------------------------------------------------

    /** Either the finished turn, or the answer that rejected the token before any stream began. */
    private record Turn(InstructionOutcome outcome, Answer rejected) {
    }

    private Turn streamTurn(Credentials creds, byte[] body) {
        // No request timeout here: the watchdog governs the whole exchange, headers included.
        HttpRequest request = NemoHttp.attributed(
                HttpRequest.newBuilder(UrlParts.api(settings.apiBase(), "/run_sse")), settings)
                .header("Authorization", "Bearer " + creds.token())
                .header("Accept", "text/event-stream")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        TurnTranscript transcript = new TurnTranscript();
        AtomicReference<InputStream> stream = new AtomicReference<>();
        CompletableFuture<HttpResponse<InputStream>> future =
                api.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        try (StreamWatchdog watchdog = new StreamWatchdog(WATCHDOGS, settings.sseIdleTimeout(),
                settings.sseHardTimeout(), () -> {
                    future.cancel(true);
                    closeQuietly(stream.get());
                })) {
            HttpResponse<InputStream> response;
            try {
                response = future.get();
            } catch (CancellationException e) {
                return new Turn(outcome(transcript, watchdog, Ending.DROPPED), null);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
                    // Never connected, so nothing was sent: safe to report as a plain transient failure.
                    throw ErrorMapper.network("instruct", (IOException) cause);
                }
                return new Turn(outcome(transcript, watchdog, Ending.DROPPED), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                future.cancel(true);
                throw ErrorMapper.interrupted("instruct", e);
            }
            stream.set(response.body());
            if (watchdog.expiry() != null) {
                closeQuietly(response.body());
            }
            try (InputStream in = response.body()) {
                if (isPlainAnswer(response)) {
                    return plainAnswer(response, in, transcript);
                }
                return new Turn(readStream(in, transcript, watchdog), null);
            } catch (IOException closing) {
                return new Turn(outcome(transcript, watchdog, Ending.DROPPED), null);
            }
        }
    }

    private static boolean isPlainAnswer(HttpResponse<?> response) {
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        return status < 200 || status >= 300 || type.contains("json");
    }

    /** An error status, or a JSON answer instead of a stream: nothing is streaming, the answer is complete. */
    private Turn plainAnswer(HttpResponse<InputStream> response, InputStream in, TurnTranscript transcript)
            throws IOException {
        String text = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
        Answer answer = new Answer(response.statusCode(), response.headers(), Envelope.read(response.statusCode(), text));
        if (answer.authRejected()) {
            return new Turn(null, answer);
        }
        if (!answer.envelope().ok()) {
            throw failure("instruct", answer);
        }
        if (transcript.accept(answer.envelope().data().toString()) == TurnTranscript.Kind.ERROR) {
            throw streamError(transcript.error());
        }
        return new Turn(new InstructionOutcome(transcript.text(), transcript.events(), Ending.CLOSED), null);
    }

    private InstructionOutcome readStream(InputStream in, TurnTranscript transcript, StreamWatchdog watchdog) {
        SseEventReader reader = new SseEventReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            SseEvent event;
            while ((event = reader.next()) != null) {
                TurnTranscript.Kind kind = event.heartbeat() ? TurnTranscript.Kind.HEARTBEAT
                        : transcript.accept(event.data());
                if (kind == TurnTranscript.Kind.ERROR) {
                    throw streamError(transcript.error());
                }
                if (kind == TurnTranscript.Kind.EVENT) {
                    watchdog.activity();
                }
            }
            return outcome(transcript, watchdog, Ending.CLOSED);
        } catch (IOException e) {
            return outcome(transcript, watchdog, Ending.DROPPED);
        }
    }

    /** The watchdog's verdict wins: its closing the stream looks like an ordinary end or a broken read. */
    private static InstructionOutcome outcome(TurnTranscript transcript, StreamWatchdog watchdog, Ending otherwise) {
        StreamWatchdog.Expiry expiry = watchdog.expiry();
        Ending ending = expiry == StreamWatchdog.Expiry.IDLE ? Ending.IDLE_TIMEOUT
                : expiry == StreamWatchdog.Expiry.HARD ? Ending.HARD_TIMEOUT : otherwise;
        return new InstructionOutcome(transcript.text(), transcript.events(), ending);
    }

    /**
     * An error the agent reported inside the stream. The instruction reached the server, so nothing is
     * re-sent; a token that expired meanwhile is renewed for the next call.
     */
    private NemoApiException streamError(TurnTranscript.StreamError error) {
        String said = redact(error.message());
        if (error.code() == null) {
            return new NemoApiException("instruct", "agent-error",
                    "The NemoVideo agent reported an error" + (said == null ? "" : ": " + oneLine(said)),
                    "The instruction was not sent again. Try the file later, or convert it with the local engine.",
                    null, 200, null);
        }
        if (error.code() == 1001) {
            Credentials creds = credentials.current();
            if (!creds.anonymous()) {
                return new TokenRejectedException("instruct", "1001",
                        "NemoVideo rejected the token in NEMO_TOKEN while instructing the NemoVideo agent",
                        "The run stops: check that NEMO_TOKEN is current (or unset it) and start the run again.",
                        1001, 200);
            }
            credentials.renew(creds);
            return new TransientApiException("instruct", "1001",
                    "The anonymous token expired while the agent was working; the instruction was not sent again",
                    "A new token was obtained; the job reads the session state to see what was done.", 1001, 200,
                    null);
        }
        return ErrorMapper.fromAnswer("instruct", 200, error.code(), said, null,
                settings.registerUrl(credentials.userId().orElse(null)), clock);
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    // --- download ---------------------------------------------------------------------------------

    private static URI outputUri(String url) {
        if (url == null || url.isBlank()) {
            throw new NemoApiException("download", "no-output-url", "The render finished without a download link",
                    "Export the render again.", null, 0, null);
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw badOutputUrl();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw badOutputUrl();
        }
        return uri;
    }

    private static NemoApiException badOutputUrl() {
        return new NemoApiException("download", "bad-output-url",
                "The render's download link is not an http(s) URL, so it was not opened",
                "Export the render again; if the link stays odd, report it to the mp4drop maintainers.", null, 0,
                null);
    }

    private HttpResponse<InputStream> awaitDownload(CompletableFuture<HttpResponse<InputStream>> future,
            StreamWatchdog watchdog) throws IOException {
        try {
            return future.get();
        } catch (CancellationException e) {
            throw stalled(0);
        } catch (ExecutionException e) {
            if (watchdog.expiry() != null) {
                throw stalled(0);
            }
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw ErrorMapper.interrupted("download", e);
        }
    }

    private long copy(InputStream in, Path target, long declared, StreamWatchdog watchdog) {
        long written = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            int n;
            while ((n = readSome(in, buffer, written, declared, watchdog)) != -1) {
                written += n;
                if (written > settings.maxDownloadBytes()) {
                    throw tooLarge(written);
                }
                out.write(buffer, 0, n);
                watchdog.activity();
            }
        } catch (IOException e) {
            throw WriteFailure.of("download", e, target, declared).orElseGet(() -> localWriteFailure(target, e));
        }
        if (watchdog.expiry() != null) {
            throw stalled(written);
        }
        if (declared >= 0 && written < declared) {
            throw truncated(written, declared, null);
        }
        return written;
    }

    /** A read that fails is the network's fault, never the disk's: report it as such. */
    private int readSome(InputStream in, byte[] buffer, long written, long declared, StreamWatchdog watchdog) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw watchdog.expiry() != null ? stalled(written) : truncated(written, declared, e);
        }
    }

    private TransientApiException stalled(long written) {
        return new TransientApiException("download", "stalled", "The download received nothing for "
                + settings.downloadStallTimeout().toSeconds() + " s and was abandoned after " + written + " bytes",
                "A slow or stuck CDN; the job downloads again later.", null, 0, null);
    }

    private static TransientApiException truncated(long written, long declared, IOException cause) {
        String expected = declared >= 0 ? " of " + declared : "";
        return new TransientApiException("download", "truncated", "The download was cut off after " + written
                + expected + " bytes (the connection closed early)",
                "A network or CDN hiccup; the job downloads again later.", null, 0, cause);
    }

    private NemoApiException tooLarge(long bytes) {
        return new NemoApiException("download", "too-large", "The rendered file is larger than the allowed "
                + settings.maxDownloadBytes() + " bytes (at least " + bytes + ")",
                "Raise the maximum download size in the configuration if this file is expected to be this big.",
                null, 0, null);
    }

    private static NemoApiException localWriteFailure(Path target, IOException e) {
        return new NemoApiException("download", "local-write", "Could not write the MP4 to " + target,
                "Check that the output folder exists, is writable and has free space.", null, 0, e);
    }

    private NemoApiException downloadRefused(int status, HttpHeaders headers) {
        if (status == 429 || status >= 500) {
            return ErrorMapper.fromAnswer("download", status, null, null,
                    headers.firstValue("Retry-After").orElse(null), settings.registerUrl(null), clock);
        }
        return new NemoApiException("download", "http-" + status,
                "The render's download link answered HTTP " + status,
                "The link may have expired: export the render again.", null, status, null);
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing is only to release a blocked reader
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the failure being reported matters more than a leftover partial file
        }
    }
}
