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

/** Where a link in the inbox points: the JDK's HTTP server on 127.0.0.1 serving a few files, 404 for the rest. */
final class LinkServer implements AutoCloseable {
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
            exchange.sendResponseHeaders(200, exchange.getRequestMethod().equals("HEAD") ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
                bytesSent.addAndGet(body.length);
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
