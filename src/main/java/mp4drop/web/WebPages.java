package mp4drop.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page's own files, shipped in the jar under {@code web/} (plain HTML, CSS and JavaScript: nothing is
 * built), the login page, and the answers to refused or failed requests.
 */
public final class WebPages {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");
    private static final Map<String, String> ASSETS = Map.of(
            "app.js", "text/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8",
            "icon.svg", "image/svg+xml");
    private static final String MESSAGE_MARK = "<!--message-->";

    /** GET / */
    public void index(Exchange exchange) {
        WebAnswer.send(exchange.getMessage(), 200, "text/html; charset=utf-8", resource("index.html"), Map.of());
    }

    /** GET /assets/{file} */
    public void asset(Exchange exchange) {
        String file = exchange.getIn().getHeader("file", "", String.class);
        String type = ASSETS.get(file);
        if (type == null) {
            throw new WebRefusal(404, "There is no such file.");
        }
        WebAnswer.send(exchange.getMessage(), 200, type, resource(file), Map.of());
    }

    /**
     * A {@link WebRefusal}: the login page for a person opening the page without being logged in (or who
     * typed a wrong token), a JSON error for everything else.
     */
    public void refused(Exchange exchange) {
        WebRefusal refusal = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, WebRefusal.class);
        HttpServerRequest request = WebAccess.request(exchange);
        WebAnswer.dropUnreadBody(request);
        boolean person = request.method() == HttpMethod.GET && "/".equals(request.path())
                || "/login".equals(request.path());
        if (refusal.status() == 401 && person) {
            String page = resource("login.html").replace(MESSAGE_MARK,
                    "/login".equals(request.path()) ? "<p class=\"error\">" + refusal.getMessage() + "</p>" : "");
            WebAnswer.send(exchange.getMessage(), 401, "text/html; charset=utf-8", page, Map.of());
            return;
        }
        WebAnswer.refusal(exchange.getMessage(), refusal);
    }

    /** Anything unexpected: one log line, and a short answer without internals. */
    public void failed(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        HttpServerRequest request = WebAccess.request(exchange);
        WebAnswer.dropUnreadBody(request);
        LOG.warn("web page: {} {} failed: {}", request.method(), request.path(), error.toString());
        WebAnswer.json(exchange.getMessage(), 500, Map.of("error", "mp4drop could not answer this request; the log says why."));
    }

    private static String resource(String name) {
        try (InputStream in = WebPages.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("web/" + name + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
