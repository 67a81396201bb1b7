package mp4drop.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mp4drop.local.FfmpegBinary;
import mp4drop.local.FfmpegProcesses;
import mp4drop.local.FfmpegRun;
import mp4drop.local.MediaProbe;

/**
 * The NemoVideo API (as /work/shared/nemo-api.md describes it) and its CDN, played by the JDK's own HTTP
 * server on 127.0.0.1, for benchmarks and kill tests against the packaged app. Bodies are streamed both
 * ways: an upload is read and discarded while its bytes are counted, and a download is generated on the fly
 * (an {@code ftyp} box, then filler), so a 500 MB file costs no memory on either side.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:target/lib/* mp4drop.standin.NemoStandInServer PORT [name=value...]
 * </pre>
 * PORT 0 takes any free port. Options (also as system properties {@code standin.<name>}): see
 * {@link StandInOptions}. Once ready it prints {@code listening on http://127.0.0.1:<port>}. What it has
 * seen is at {@code GET /_standin/stats}.
 */
public final class NemoStandInServer {
    static final String TOKEN = "nmv_usr_standin_token";
    static final String DRAFT = "{\"t\":[{\"tt\":0,\"sg\":[{\"id\":\"s1\",\"d\":4000}]}],\"d\":4000,\"m\":{}}";
    private static final byte[] FTYP = "\0\0\0\u0018ftypisom\0\0\u0002\0isomiso2".getBytes(StandardCharsets.ISO_8859_1);
    private static final Pattern UPLOAD = Pattern.compile("/api/upload-video/nemo_agent/me/([^/]+)");
    private static final Pattern STATE = Pattern.compile("/api/state/nemo_agent/me/([^/]+)/latest");
    private static final Pattern RENDER_STATUS = Pattern.compile("/api/render/proxy/lambda/([^/]+)");
    private static final Pattern RENDER_DOWNLOAD = Pattern.compile("/api/render/proxy/([^/]+)/download");
    private static final Pattern CDN = Pattern.compile("/cdn/([^/]+)\\.mp4");
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

    private final StandInOptions options;
    private final ObjectMapper json = new ObjectMapper();
    private final StandInStats stats = new StandInStats();
    private final AtomicLong nextSession = new AtomicLong(7_301_000_000_000_000_000L);
    private final AtomicInteger nextTask = new AtomicInteger();
    private final Set<String> instructedSessions = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<String, AtomicInteger> pollsByRender = new ConcurrentHashMap<>();
    private final AtomicLong credits;
    private byte[] render;
    private final ConcurrentMap<String, Double> sourceSecondsBySession = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> sessionByRender = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, byte[]> rendersByLength = new ConcurrentHashMap<>();
    private FfmpegBinary ffmpeg;
    private HttpServer server;
    private ExecutorService threads;

    public NemoStandInServer(StandInOptions options) {
        this.options = options;
        this.credits = new AtomicLong(options.credits);
    }

    /** For tests in this JVM: a stand-in with these options ("credits=100", "render-seconds=2"), not yet started. */
    public static NemoStandInServer withOptions(String... options) {
        String[] args = new String[options.length + 1];
        args[0] = "0";
        System.arraycopy(options, 0, args, 1, options.length);
        return new NemoStandInServer(StandInOptions.from(args));
    }

    /** What it has seen so far, as GET /_standin/stats answers. */
    public JsonNode stats() {
        return stats.toJson(json);
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        NemoStandInServer standIn = new NemoStandInServer(StandInOptions.from(args));
        standIn.start(port);
        System.out.println("listening on " + standIn.url());
        System.out.flush();
    }

    public NemoStandInServer start(int port) throws IOException {
        if (options.renderSeconds > 0 || options.renderLikeSource) {
            ffmpeg = options.ffmpeg.isEmpty() ? FfmpegBinary.locate(null, Path.of("target", "test-state"))
                    : FfmpegBinary.at(Path.of(options.ffmpeg));
        }
        if (options.renderSeconds > 0) {
            render = makeRender(options.renderSeconds);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "standin");
            t.setDaemon(false);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        log("started (" + options + ")");
        return this;
    }

    public void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        try {
            if (!path.startsWith("/cdn/") && !path.startsWith("/_standin/")) {
                log(method + " " + path);
            }
            route(ex, method, path);
        } catch (IOException e) {
            // the client went away (a kill, a timeout): nothing to answer
            log(method + " " + path + ": connection lost (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            log(method + " " + path + ": " + e);
            sendJson(ex, 500, "{\"code\":500,\"message\":\"stand-in error: " + e.getClass().getSimpleName() + "\"}");
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex, String method, String path) throws IOException {
        Matcher m;
        if (method.equals("GET") && path.equals("/_standin/stats")) {
            sendJson(ex, 200, json.writerWithDefaultPrettyPrinter().writeValueAsString(stats.toJson(json)));
        } else if (method.equals("POST") && path.equals("/api/auth/anonymous-token")) {
            token(ex);
        } else if (method.equals("GET") && (m = CDN.matcher(path)).matches()) {
            cdn(ex, m.group(1));
        } else if (path.equals("/")) {
            // the app's start-up probe: any answer means reachable; it carries no token, by design
            drain(ex);
            sendJson(ex, 404, "{\"detail\":\"Not Found\"}");
        } else if (!authorized(ex)) {
            drain(ex);
            sendJson(ex, 401, "{\"code\":1001,\"message\":\"Token invalid or expired\"}");
        } else if (method.equals("POST") && path.equals("/api/tasks/me/with-session/nemo_agent")) {
            session(ex);
        } else if (method.equals("POST") && (m = UPLOAD.matcher(path)).matches()) {
            upload(ex, m.group(1));
        } else if (method.equals("POST") && path.equals("/run_sse")) {
            runSse(ex);
        } else if (method.equals("GET") && (m = STATE.matcher(path)).matches()) {
            state(ex, m.group(1));
        } else if (method.equals("GET") && path.equals("/api/credits/balance/simple")) {
            long available = options.credits < 0 ? 100 : credits.get();
            sendJson(ex, 200, "{\"code\":0,\"data\":{\"available\":" + available + ",\"frozen\":0,\"total\":"
                    + available + "}}");
        } else if (method.equals("POST") && path.equals("/api/render/proxy/lambda")) {
            submitRender(ex);
        } else if (method.equals("GET") && (m = RENDER_DOWNLOAD.matcher(path)).matches()) {
            ex.getResponseHeaders().set("Location", url() + "/cdn/" + m.group(1) + ".mp4");
            ex.sendResponseHeaders(302, -1);
        } else if (method.equals("GET") && (m = RENDER_STATUS.matcher(path)).matches()) {
            renderStatus(ex, m.group(1));
        } else if (method.equals("POST") && path.equals("/api/auth/claim-token")) {
            drain(ex);
            sendJson(ex, 200, "{\"code\":0,\"data\":{\"claim_token\":\"clm_standin\",\"expires_in\":3600}}");
        } else {
            drain(ex);
            sendJson(ex, 404, "{\"code\":404,\"message\":\"no such endpoint in the stand-in: " + method + " " + path + "\"}");
        }
    }

    /** Counts API calls that lack the bearer or the attribution headers; a wrong token gets a 401. */
    private boolean authorized(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (ex.getRequestHeaders().getFirst("X-Skill-Source") == null
                || ex.getRequestHeaders().getFirst("X-Skill-Version") == null
                || ex.getRequestHeaders().getFirst("X-Skill-Platform") == null) {
            stats.missingAttribution.incrementAndGet();
        }
        if (auth == null) {
            stats.missingBearer.incrementAndGet();
            return false;
        }
        return auth.equals("Bearer " + TOKEN);
    }

    private void token(HttpExchange ex) throws IOException {
        drain(ex);
        if (ex.getRequestHeaders().getFirst("X-Client-Id") == null) {
            sendJson(ex, 400, "{\"detail\":\"X-Client-Id header required\"}");
            return;
        }
        stats.tokens.incrementAndGet();
        sendJson(ex, 200, "{\"code\":0,\"message\":\"ok\",\"data\":{\"token\":\"" + TOKEN
                + "\",\"credits\":100,\"user_id\":\"u-standin\",\"expires_at\":\"2099-01-01T00:00:00Z\"}}");
    }

    private void session(HttpExchange ex) throws IOException {
        drain(ex);
        long sessionId = nextSession.incrementAndGet();
        stats.sessions.incrementAndGet();
        ObjectNode data = json.createObjectNode();
        data.put("task_id", "task-" + nextTask.incrementAndGet());
        data.put("session_id", sessionId); // a JSON number on purpose: the client must take it as a string
        sendJson(ex, 200, envelope(data));
    }

    /** Multipart with one file part: the body is read and thrown away as it comes, counting its bytes. */
    private void upload(HttpExchange ex, String sessionId) throws IOException {
        stats.uploads.incrementAndGet();
        StandInStats.bump(stats.uploadsBySession, sessionId);
        String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
        if (type.startsWith("application/json")) {
            JsonNode body = json.readTree(ex.getRequestBody());
            String address = body.path("urls").path(0).asText("");
            if (!body.path("source_type").asText().equals("url") || address.isEmpty()) {
                sendJson(ex, 200, "{\"code\":4001,\"message\":\"Unsupported file type\"}");
                return;
            }
            stats.urlUploads.incrementAndGet();
            stats.uploadsCompleted.incrementAndGet();
            stats.fileBySession.put(sessionId, address);
            log("upload to session " + sessionId + " by URL: " + address + " (no file bytes)");
            sendJson(ex, 200, uploadAnswer(sessionId, "from-url"));
            return;
        }
        String boundary = type.replaceFirst("(?i).*boundary=\"?([^\";]+)\"?.*", "$1");
        InputStream in = ex.getRequestBody();
        // the part's headers end at the first blank line; they fit in the first few kilobytes
        byte[] head = new byte[16 * 1024];
        int headLen = in.readNBytes(head, 0, head.length);
        int headerEnd = indexOf(head, headLen, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        String partHeaders = new String(head, 0, Math.max(0, headerEnd), StandardCharsets.UTF_8);
        Matcher name = FILENAME.matcher(partHeaders);
        String filename = name.find() ? name.group(1) : "?";
        String container = headerEnd < 0 ? "?" : containerOf(head, headerEnd + 4, headLen);
        if (!acceptedType(filename, container)) {
            drain(ex);
            stats.uploadsRefusedType.incrementAndGet();
            log("upload to session " + sessionId + ": " + filename + " (" + container + ") refused with 4001");
            sendJson(ex, 200, "{\"code\":4001,\"message\":\"Unsupported file type\"}");
            return;
        }
        long total = headLen;
        byte[] buffer = new byte[64 * 1024];
        int n;
        // to render a video as long as the source, the source is kept until FFmpeg has read its length
        Path kept = options.renderLikeSource && headerEnd >= 0 ? Files.createTempFile("standin-source-", ".bin") : null;
        try (OutputStream copy = kept == null ? OutputStream.nullOutputStream() : Files.newOutputStream(kept)) {
            if (headerEnd >= 0) {
                copy.write(head, headerEnd + 4, headLen - headerEnd - 4);
            }
            while ((n = in.read(buffer)) != -1) {
                total += n;
                copy.write(buffer, 0, n);
            }
        }
        long tail = ("\r\n--" + boundary + "--\r\n").length();
        long fileBytes = headerEnd < 0 ? total : total - (headerEnd + 4) - tail;
        if (kept != null) {
            try {
                sourceSecondsBySession.put(sessionId, lengthOf(kept, fileBytes));
            } finally {
                Files.deleteIfExists(kept);
            }
        }
        stats.uploadBodyBytes.addAndGet(total);
        stats.uploadFileBytes.addAndGet(fileBytes);
        if (fileBytes > options.maxUploadBytes) {
            stats.uploadsRefusedSize.incrementAndGet();
            log("upload to session " + sessionId + ": " + filename + ", " + fileBytes + " bytes, refused with 4002");
            sendJson(ex, 200, "{\"code\":4002,\"message\":\"File too large\"}");
            return;
        }
        stats.uploadsCompleted.incrementAndGet();
        stats.fileBySession.put(sessionId, filename);
        StandInStats.bump(stats.containersUploaded, container);
        log("upload to session " + sessionId + ": " + filename + " (" + container + "), " + fileBytes + " bytes");
        sendJson(ex, 200, uploadAnswer(sessionId, filename));
    }

    /** What the real API takes: these extensions, and for a video one of its containers in fact. */
    private static boolean acceptedType(String filename, String container) {
        String ext = filename.substring(filename.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (Set.of("jpg", "png", "gif", "webp", "mp3", "wav", "m4a", "aac").contains(ext)) {
            return true;
        }
        return Set.of("mp4", "mov", "avi", "webm", "mkv").contains(ext)
                && Set.of("mp4", "avi", "matroska").contains(container);
    }

    /** The container a file's first bytes show: an EBML header, an ftyp box, a RIFF AVI header. */
    private static String containerOf(byte[] data, int start, int end) {
        int n = end - start;
        if (n >= 4 && (data[start] & 0xff) == 0x1a && (data[start + 1] & 0xff) == 0x45 && (data[start + 2] & 0xff) == 0xdf
                && (data[start + 3] & 0xff) == 0xa3) {
            return "matroska";
        }
        String head = new String(data, start, Math.min(n, 12), StandardCharsets.ISO_8859_1);
        if (head.length() >= 8 && List.of("ftyp", "moov", "wide", "mdat", "free").contains(head.substring(4, 8))) {
            return "mp4";
        }
        if (head.length() >= 12 && head.startsWith("RIFF") && head.startsWith("AVI", 8)) {
            return "avi";
        }
        return "other";
    }

    private String uploadAnswer(String sessionId, String filename) throws IOException {
        ObjectNode file = json.createObjectNode();
        file.put("filename", filename);
        file.put("file_type", "video");
        file.put("cdn_url", url() + "/media/" + sessionId + "/source");
        file.put("duration", 4);
        file.put("width", 1920);
        file.put("height", 1080);
        file.put("hash", Integer.toHexString(filename.hashCode()));
        ObjectNode data = json.createObjectNode();
        data.putArray("files").add(file);
        data.put("session_state_applied", true);
        ObjectNode answer = json.createObjectNode();
        answer.put("success", true);
        answer.set("data", data);
        return json.writeValueAsString(answer);
    }

    /** Counted on arrival (a kill mid-stream has still been charged), then a short stream and a close. */
    private void runSse(HttpExchange ex) throws IOException {
        JsonNode body = json.readTree(ex.getRequestBody());
        String sessionId = body.path("session_id").asText("?");
        if (options.credits >= 0 && credits.getAndUpdate(left -> left >= options.turnCost ? left - options.turnCost
                : left) < options.turnCost) {
            stats.runSseOutOfCredits.incrementAndGet();
            log("run_sse for session " + sessionId + ": out of credits (2001)");
            sendJson(ex, 200, "{\"code\":2001,\"message\":\"Insufficient credits\"}");
            return;
        }
        stats.runSse.incrementAndGet();
        StandInStats.bump(stats.runSseBySession, sessionId);
        instructedSessions.add(sessionId);
        log("run_sse for session " + sessionId + " (" + stats.fileBySession.getOrDefault(sessionId, "?") + "): "
                + body.path("new_message").path("parts").path(0).path("text").asText());
        stats.runSseOpen.incrementAndGet();
        try {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            event(out, ": keep-alive\n\n");
            event(out, "event: message\ndata: {\"type\":\"text\",\"content\":\"Converting your video to 1080p MP4.\"}\n\n");
            event(out, "data:\n\n");
            event(out, "data: {\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Thinking\",\"thought\":true},"
                    + "{\"text\":\"Done: the timeline is ready to export.\"}]},\"partial\":false,\"author\":\"nemo_agent\"}\n\n");
            out.close();
        } finally {
            stats.runSseOpen.decrementAndGet();
        }
    }

    private void event(OutputStream out, String text) throws IOException {
        pause(options.sseDelayMs);
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A ready draft once the session got its instruction; an empty one before. */
    private void state(HttpExchange ex, String sessionId) throws IOException {
        stats.stateCalls.incrementAndGet();
        String draft = instructedSessions.contains(sessionId) ? DRAFT : "{}";
        sendJson(ex, 200, "{\"code\":0,\"message\":\"ok\",\"data\":{\"session_id\":\"" + sessionId
                + "\",\"task_id\":\"task\",\"state\":{\"draft\":" + draft
                + ",\"video_infos\":[],\"canvas_config\":{},\"generated_media\":[]}}}");
    }

    private void submitRender(HttpExchange ex) throws IOException {
        JsonNode body = json.readTree(ex.getRequestBody());
        String id = body.path("id").asText();
        if (id.isEmpty() || !body.has("sessionId") || !body.path("draft").has("t")) {
            sendJson(ex, 400, "{\"code\":400,\"message\":\"render needs id, sessionId and a draft\"}");
            return;
        }
        stats.rendersSubmitted.incrementAndGet();
        sessionByRender.put(id, body.path("sessionId").asText());
        StandInStats.bump(stats.submissionsByRenderId, id);
        pollsByRender.putIfAbsent(id, new AtomicInteger());
        sendJson(ex, 200, "{\"id\":\"" + id + "\",\"status\":\"pending\",\"progress\":0}");
    }

    /** pending, then processing, then completed after options.renderPolls checks; two answer shapes in turn. */
    private void renderStatus(HttpExchange ex, String id) throws IOException {
        stats.renderStatusCalls.incrementAndGet();
        int poll = pollsByRender.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        String output = url() + "/cdn/" + id + ".mp4";
        String status = poll >= options.renderPolls ? "completed" : poll == 1 ? "pending" : "processing";
        int progress = status.equals("completed") ? 100 : Math.min(95, 100 * (poll - 1) / options.renderPolls);
        if (Math.abs(id.hashCode()) % 2 == 0) {
            sendJson(ex, 200, "{\"status\":\"" + status + "\",\"progress\":" + progress
                    + (status.equals("completed") ? ",\"output\":{\"url\":\"" + output + "\",\"size\":" + options.outputBytes + "}" : "")
                    + "}");
        } else {
            sendJson(ex, 200, "{\"success\":true,\"data\":{\"status\":\"" + status + "\",\"progress\":" + progress
                    + (status.equals("completed") ? ",\"outputUrl\":\"" + output + "\"" : "") + "}}");
        }
    }

    /** The public CDN: outputBytes generated on the fly, an ftyp box first, with a correct Content-Length. */
    private void cdn(HttpExchange ex, String renderId) throws IOException {
        if (ex.getRequestHeaders().containsKey("Authorization")) {
            stats.cdnAuthorization.set(true);
            log("GET /cdn/" + renderId + ".mp4 carried an Authorization header!");
        }
        byte[] render = renderFor(renderId);
        stats.downloads.incrementAndGet();
        stats.downloadsOpen.incrementAndGet();
        long sent = 0;
        long total = render == null ? options.outputBytes : Math.max(render.length, options.outputBytes);
        try {
            ex.getResponseHeaders().set("Content-Type", "video/mp4");
            ex.sendResponseHeaders(200, total);
            OutputStream out = ex.getResponseBody();
            byte[] chunk = new byte[options.chunkBytes];
            Arrays.fill(chunk, render == null ? (byte) 7 : 0);
            if (render == null) {
                System.arraycopy(FTYP, 0, chunk, 0, Math.min(FTYP.length, chunk.length));
            }
            while (sent < total) {
                int n = (int) Math.min(chunk.length, total - sent);
                if (render != null && sent < render.length) {
                    // the real MP4 first; zeros after it (an MP4 reader stops at a box of size 0) make up the size
                    n = (int) Math.min(n, render.length - sent);
                    out.write(render, (int) sent, n);
                } else {
                    out.write(chunk, 0, n);
                }
                if (sent == 0 && render == null) {
                    Arrays.fill(chunk, 0, Math.min(FTYP.length, chunk.length), (byte) 7);
                }
                sent += n;
                stats.downloadBytes.addAndGet(n);
                if (options.chunkDelayMs > 0) {
                    out.flush();
                    pause(options.chunkDelayMs);
                }
            }
            out.close();
            stats.downloadsCompleted.incrementAndGet();
            log("GET /cdn/" + renderId + ".mp4: " + sent + " bytes sent");
        } catch (IOException e) {
            stats.downloadsAborted.incrementAndGet();
            throw e;
        } finally {
            stats.downloadsOpen.decrementAndGet();
        }
    }

    /** The render's MP4: as long as its session's source (render-seconds=source), the fixed one, or none. */
    private byte[] renderFor(String renderId) throws IOException {
        if (!options.renderLikeSource) {
            return render;
        }
        Double seconds = sourceSecondsBySession.get(sessionByRender.getOrDefault(renderId, "?"));
        if (seconds == null) {
            return null;
        }
        String key = String.format(Locale.ROOT, "%.2f", seconds);
        byte[] made = rendersByLength.get(key);
        if (made == null) {
            made = makeRender(seconds);
            rendersByLength.putIfAbsent(key, made);
        }
        return made;
    }

    /** How long the uploaded video is, as FFmpeg reads it (the copy holds the closing boundary too). */
    private double lengthOf(Path kept, long fileBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(kept, StandardOpenOption.WRITE)) {
            channel.truncate(Math.max(0, fileBytes));
        }
        return new MediaProbe(new FfmpegRun(ffmpeg, new FfmpegProcesses())).probe(kept).durationSeconds();
    }

    /** A real MP4 of the given length (a test picture, no sound), so that mp4drop's render check has work to do. */
    private byte[] makeRender(double seconds) throws IOException {
        FfmpegBinary binary = ffmpeg;
        Path file = Files.createTempFile("standin-render-", ".mp4");
        try {
            String length = String.format(Locale.ROOT, "%.3f", seconds);
            FfmpegRun.Outcome made = new FfmpegRun(binary, new FfmpegProcesses()).capture(List.of("-hide_banner",
                    "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration="
                            + length, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                    "-movflags", "+faststart", file.toString()), Duration.ofMinutes(2));
            if (made.exitCode() != 0) {
                throw new IOException("FFmpeg could not make the render: " + made.tail());
            }
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private String envelope(JsonNode data) throws IOException {
        ObjectNode answer = json.createObjectNode();
        answer.put("code", 0);
        answer.put("message", "ok");
        answer.set("data", data);
        return json.writeValueAsString(answer);
    }

    private static void sendJson(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void drain(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static int indexOf(byte[] data, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void log(String message) {
        System.err.println(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss.SSS")) + " standin " + message);
    }
}
