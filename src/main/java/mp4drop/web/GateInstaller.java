package mp4drop.web;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;

/**
 * Puts the {@link WebGate} in front of the HTTP server's router once Camel has started that server, and
 * before the web routes' consumers start: no route of the page can be reached before it stands.
 */
final class GateInstaller implements StartupListener {
    private final WebGate gate;

    GateInstaller(WebGate gate) {
        this.gate = gate;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        if (alreadyStarted) {
            return;
        }
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server == null) {
            // camel.management.enabled=false: no HTTP server, and the web routes do not start
            return;
        }
        if (server.getRouter() == null) {
            throw new IllegalStateException("the HTTP server of mp4drop.web.port has no router to guard");
        }
        gate.install(server.getRouter());
    }
}
