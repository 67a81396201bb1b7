package mp4drop.config;

import java.io.IOException;
import java.net.BindException;
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

    /**
     * @throws InvalidSetting when the management server is on and cannot listen: naming camel.management.port
     *                        when another program holds it, else camel.management.host
     */
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
            if (e instanceof BindException && String.valueOf(e.getMessage()).contains("in use")) {
                throw new InvalidSetting("camel.management.port", String.valueOf(port), "a free port, but " + host
                        + ":" + port + " is in use by another program; choose another port with mp4drop.web.port, or set "
                        + "camel.management.enabled=false");
            }
            throw new InvalidSetting("camel.management.host", host, "an address of this machine, but " + host + ":"
                    + port + " cannot be listened on (" + e.getMessage() + ")");
        }
    }
}
