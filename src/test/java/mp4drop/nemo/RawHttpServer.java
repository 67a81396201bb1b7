package mp4drop.nemo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server that writes raw bytes, for what WireMock cannot do: a body shorter than its
 * Content-Length, a stream that stops mid-way, a connection reset after some events.
 */
final class RawHttpServer implements AutoCloseable {
    interface Handler {
        void handle(Socket socket, OutputStream out) throws Exception;
    }

    private final ServerSocket server;
    private final AtomicInteger requests = new AtomicInteger();

    RawHttpServer(Handler handler) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread worker = new Thread(() -> serve(socket, handler));
                    worker.setDaemon(true);
                    worker.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    int requests() {
        return requests.get();
    }

    private void serve(Socket socket, Handler handler) {
        try (socket) {
            readRequest(socket.getInputStream());
            requests.incrementAndGet();
            handler.handle(socket, socket.getOutputStream());
        } catch (Exception ignored) {
            // the client went away: that is what several tests provoke
        }
    }

    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int at = text.indexOf("content-length:");
        if (at >= 0) {
            int length = Integer.parseInt(text.substring(at + 15, text.indexOf('\r', at)).trim());
            in.readNBytes(length);
        }
    }

    /** Ends the connection with a TCP reset instead of an orderly close. */
    static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static String chunk(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Integer.toHexString(bytes.length) + "\r\n" + text + "\r\n";
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
