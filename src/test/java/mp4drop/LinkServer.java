package mp4drop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a link in the inbox points: the JDK's HTTP server on 127.0.0.1 serving a few files, 404 for the rest. It
 * answers a range request as a CDN does, so FFmpeg can read a container's end without the whole file.
 */
final class LinkServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> types = new ConcurrentHashMap<>();
    final AtomicLong bytesSent = new AtomicLong();

    LinkServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::answer);
        server.start();
    }

    LinkServer serve(String path, String type, byte[] content) {
        files.put(path, content);
        types.put(path, type);
        return this;
    }

    /** The address of {@code pathAndQuery} on this server. */
    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = files.get(path);
            if (body == null) {
                byte[] missing = "no such file".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, missing.length);
                exchange.getResponseBody().write(missing);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", types.get(path));
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            Matcher range = RANGE.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Range")));
            int from = 0;
            int to = body.length - 1;
            if (range.matches()) {
                from = Integer.parseInt(range.group(1));
                to = range.group(2).isEmpty() ? to : Math.min(to, Integer.parseInt(range.group(2)));
                exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + body.length);
            }
            int length = Math.max(0, to - from + 1);
            exchange.sendResponseHeaders(range.matches() ? 206 : 200, length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body, from, length);
                bytesSent.addAndGet(length);
            } catch (IOException closedEarly) {
                // a probe reads the head and hangs up: that is what it should do
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
