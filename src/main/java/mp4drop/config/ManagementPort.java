package mp4drop.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import mp4drop.failure.InvalidSetting;

/**
 * Health and metrics listen on {@code camel.management.host:port}. A port another program holds is found
 * before Camel starts: Camel would log a long stack trace from its HTTP server and run on without the
 * endpoints, which a person watching /observe/health would take for a dead mp4drop.
 */
public final class ManagementPort {
    private ManagementPort() {
    }

    /** @throws InvalidSetting naming camel.management.port when the management server is on and its port taken */
    public static void checkFree(TypedProperties settings) {
        if (!settings.bool("camel.management.enabled")) {
            return;
        }
        String host = settings.text("camel.management.host");
        int port = settings.count("camel.management.port", 1);
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new InvalidSetting("camel.management.port", String.valueOf(port), "a free port, but " + host + ":"
                    + port + " is in use by another program (" + e.getMessage()
                    + "); choose another port, or set camel.management.enabled=false");
        }
    }
}
