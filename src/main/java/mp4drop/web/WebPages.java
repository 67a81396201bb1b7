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
    private static final String LOGOUT_MARK = "<!--logout-->";
    private static final String LOGOUT_FORM = "<form method=\"post\" action=\"/logout\" class=\"logout\">"
            + "<button type=\"submit\">Log out</button></form>";
    private static final String HTML = "text/html; charset=utf-8";

    private final boolean withToken;

    /** @param withToken whether people log in (then the page has a log-out button) */
    public WebPages(boolean withToken) {
        this.withToken = withToken;
    }

    /** What a refusal answers: its content type and body. */
    record Answer(String contentType, String body) {
    }

    /** GET / */
    public void index(Exchange exchange) {
        WebAnswer.send(exchange.getMessage(), 200, HTML,
                resource("index.html").replace(LOGOUT_MARK, withToken ? LOGOUT_FORM : ""), Map.of());
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

    /** A {@link WebRefusal} of a route (a bad name, no such file, a wrong token at /login). */
    public void refused(Exchange exchange) {
        WebRefusal refusal = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, WebRefusal.class);
        HttpServerRequest request = WebAccess.request(exchange);
        WebAnswer.dropUnreadBody(request);
        Answer answer = refusal(request.method(), request.path(), refusal);
        WebAnswer.send(exchange.getMessage(), refusal.status(), answer.contentType(), answer.body(), Map.of());
    }

    /**
     * The login page for a person opening the page without being logged in (or who typed a wrong token), a
     * JSON error for everything else.
     */
    static Answer refusal(HttpMethod method, String path, WebRefusal refusal) {
        boolean login = WebAccess.LOGIN_PATH.equals(path);
        if (refusal.status() == 401 && (method == HttpMethod.GET && "/".equals(path) || login)) {
            return new Answer(HTML, resource("login.html").replace(MESSAGE_MARK,
                    login ? "<p class=\"error\">" + refusal.getMessage() + "</p>" : ""));
        }
        return new Answer(WebAnswer.JSON, WebAnswer.errorJson(refusal.getMessage()));
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
