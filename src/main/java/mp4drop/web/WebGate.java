package mp4drop.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The door of the HTTP server, a Vert.x handler that runs before every route (the page, the API and
 * /observe), before any body is read and before a worker thread is taken. It decides on the normalised
 * path the router routes on, so no spelling of a path ({@code ..}, {@code %2e%2e}, double slashes) reaches
 * a route it would be refused at. It also puts the headers a browser honours on every answer, errors
 * included, and keeps uploads to a number that leaves the server's worker threads to the rest of the page.
 */
public final class WebGate implements Handler<RoutingContext> {
    static final Map<String, String> BROWSER_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                    + "media-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
                    + "frame-ancestors 'none'",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Cross-Origin-Resource-Policy", "same-origin",
            "X-Content-Type-Options", "nosniff");
    private static final String UPLOAD_PATH = "/api/upload";
    static final long LOGIN_BODY_LIMIT = 4096;
    private static final long BUSY_RETRY_SECONDS = 10;
    private static final long DRAIN_MILLIS = 2000;
    // before Camel's routes and /observe's handlers, whatever order they were added in
    private static final int FIRST = Integer.MIN_VALUE;

    private final WebAccess access;
    private final Semaphore uploads;
    private final int uploadsAtOnce;

    public WebGate(WebAccess access, int uploadsAtOnce) {
        this.access = access;
        this.uploads = new Semaphore(uploadsAtOnce);
        this.uploadsAtOnce = uploadsAtOnce;
    }

    /**
     * Puts the gate in front of everything {@code router} serves, and the bound on uploads on the route that
     * reaches the upload, matched by the router itself.
     */
    public void install(Router router) {
        router.route().order(FIRST).handler(this).failureHandler(WebGate::unreadable);
        router.route(HttpMethod.POST, UPLOAD_PATH).order(FIRST + 1).handler(this::takeUploadSlot);
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        BROWSER_HEADERS.forEach(context.response()::putHeader);
        String path = context.normalizedPath();
        try {
            access.check(request, path);
            if (path.equals(WebAccess.LOGIN_PATH) && request.method() == HttpMethod.POST) {
                requireShortForm(request);
            }
        } catch (WebRefusal refusal) {
            refuse(context, refusal);
            return;
        }
        access.renewSession(request);
        context.next();
    }

    private void takeUploadSlot(RoutingContext context) {
        if (!uploads.tryAcquire()) {
            refuse(context, new WebRefusal(503, "mp4drop is already receiving " + uploadsAtOnce
                    + " uploads; this one can be sent again in a moment.", BUSY_RETRY_SECONDS));
            return;
        }
        context.addEndHandler(ended -> uploads.release());
        context.next();
    }

    /**
     * A request Vert.x itself could not take (no Host header, a bad URI): the same answer as any refusal,
     * with the browser headers, instead of an ERROR line in the log for what a client did wrong.
     */
    private static void unreadable(RoutingContext context) {
        int status = context.statusCode();
        if (status < 400 || status >= 500 || context.response().headWritten()) {
            context.next();
            return;
        }
        BROWSER_HEADERS.forEach(context.response()::putHeader);
        refuse(context, new WebRefusal(status, "mp4drop cannot read this request: "
                + (context.failure() == null ? "HTTP " + status : context.failure().getMessage())));
    }

    // the login form is a few bytes: a larger or endless body is not read
    private static void requireShortForm(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        boolean endless = request.getHeader("Transfer-Encoding") != null;
        if (endless || length != null && (!length.matches("\\d{1,9}") || Long.parseLong(length) > LOGIN_BODY_LIMIT)) {
            throw new WebRefusal(413, "A login is a short form: at most " + LOGIN_BODY_LIMIT + " bytes.");
        }
    }

    /**
     * The refusal's answer, written at once. A body the client is still sending is read and dropped for a
     * moment (so that it gets to read the answer instead of a reset), then an HTTP/1 connection is closed.
     */
    static void refuse(RoutingContext context, WebRefusal refusal) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response();
        if (response.headWritten()) {
            context.fail(refusal);
            return;
        }
        response.setStatusCode(refusal.status());
        response.putHeader("Cache-Control", "no-store");
        refusal.retryAfterSeconds().ifPresent(seconds -> response.putHeader("Retry-After", String.valueOf(seconds)));
        WebPages.Answer answer = WebPages.refusal(request.method(), context.normalizedPath(), refusal);
        response.putHeader("Content-Type", answer.contentType());
        boolean unread = !request.isEnded();
        // an HTTP/2 connection carries other requests too: only the stream ends, flow control bounds the rest
        boolean closeAfter = unread && request.version() != HttpVersion.HTTP_2;
        if (closeAfter) {
            response.putHeader("Connection", "close");
        }
        if (unread) {
            request.handler(ignored -> { });
            request.exceptionHandler(ignored -> { });
            request.resume();
        }
        response.end(answer.body()).onComplete(written -> {
            if (closeAfter && !request.isEnded()) {
                long timer = context.vertx().setTimer(DRAIN_MILLIS, late -> request.connection().close());
                request.endHandler(ended -> {
                    context.vertx().cancelTimer(timer);
                    request.connection().close();
                });
            }
        });
    }
}
