package mp4drop.web;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import mp4drop.failure.InvalidSetting;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * Who may use the web page. Bound to this machine only (127.0.0.1) it needs no password, and answers only
 * to the literal names of this machine; bound anywhere else mp4drop does not start without
 * {@code mp4drop.web.token}, and then every request needs it: people log in once (a cookie that holds a
 * value derived from the token, never the token), tools send {@code Authorization: Bearer <token>}.
 * Requests that change something must come from the page itself, so another web site open in the same
 * browser cannot send files or press buttons. Everything is decided on the path the router routes on
 * ({@link WebGate}), from the request's own headers: query parameters cannot stand in for them.
 */
public final class WebAccess {
    static final String LOGIN_PATH = "/login";
    static final String LOGOUT_PATH = "/logout";
    /** A header a form of another site cannot send (sending it from a script needs this server's consent). */
    static final String REQUESTED_WITH = "X-Requested-With";
    private static final Set<String> OPEN = Set.of(LOGIN_PATH, LOGOUT_PATH,
            "/assets/app.js", "/assets/style.css", "/assets/icon.svg");
    private static final String OBSERVE = "/observe";
    // nothing to look up: a DNS name is exactly what a rebinding page controls
    private static final Pattern LOCAL_HOST = Pattern.compile("(?i)(127\\.0\\.0\\.1|localhost|\\[::1])(:\\d{1,5})?");
    private static final List<String> FORWARDED = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host");
    private static final String OTHER_SITE = "Requests from other web sites are refused.";
    private static final UploadPace FORM_PACE = new UploadPace(Duration.ofSeconds(10), 1);

    private final String token;
    private final SessionCookie session;
    private final LoginThrottle throttle;

    private WebAccess(String token, Clock clock) {
        this.token = token;
        this.session = new SessionCookie(token, clock);
        this.throttle = new LoginThrottle(clock);
    }

    /**
     * @param host          where the HTTP server listens (camel.management.host, set from mp4drop.web.host)
     * @param token         mp4drop.web.token, empty when none is set
     * @param serverEnabled false when there is no HTTP server at all (camel.management.enabled=false)
     */
    public static WebAccess forServer(String host, String token, boolean serverEnabled) {
        if (serverEnabled && token.isEmpty() && !isLoopback(host)) {
            throw new InvalidSetting("mp4drop.web.host = " + host + " lets other machines reach the web page; "
                    + "set mp4drop.web.token (MP4DROP_WEB_TOKEN) to a password of your choice, "
                    + "or bind it to 127.0.0.1");
        }
        return new WebAccess(token, Clock.systemUTC());
    }

    // the bind address of the setting, not a request's name: looking it up once at start-up is safe
    static boolean isLoopback(String host) {
        String bare = host.strip();
        if (bare.startsWith("[") && bare.endsWith("]")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return !bare.isEmpty() && InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    boolean withToken() {
        return !token.isEmpty();
    }

    /**
     * The one access decision, before any body is read: {@code path} is the normalised path the router
     * routes on. A {@link WebRefusal} says why not.
     */
    void check(HttpServerRequest request, String path) {
        if (token.isEmpty()) {
            requireThisMachine(request);
        }
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            // a login changes nothing here and proves itself with the token: a tool may post it bare
            requireSamePage(request, !path.equals(LOGIN_PATH));
        }
        if (path.equals(LOGIN_PATH) && request.method() == HttpMethod.POST) {
            throttle.lockedOut(clientAddress(request)).ifPresent(wait -> {
                throw new WebRefusal(429, "Too many wrong tokens from this address; try again in "
                        + (wait.toSeconds() + 1) + " s.", wait.toSeconds() + 1);
            });
        }
        if (!token.isEmpty() && !open(path) && !authorised(request)) {
            throw new WebRefusal(401, "Log in first: this mp4drop needs its web token (mp4drop.web.token).");
        }
    }

    /** The cookie again, with a fresh Max-Age, when a person's session is in use: it ends only when unused. */
    void renewSession(HttpServerRequest request) {
        var cookie = token.isEmpty() ? null : request.getCookie(SessionCookie.NAME);
        if (cookie != null && session.valid(cookie.getValue()) && session.dueForRenewal(cookie.getValue())) {
            request.response().putHeader("Set-Cookie",
                    SessionCookie.header(session.issue(), SessionCookie.MAX_AGE, overHttps(request)));
        }
    }

    /**
     * POST /login: the token from the form's body (or an Authorization header), never from the address,
     * where it would land in logs and the browser's history. The right one sets the cookie.
     */
    public void login(Exchange exchange) throws IOException {
        HttpServerRequest request = request(exchange);
        String formToken = formToken(request);
        if (new QueryStringDecoder(request.uri()).parameters().containsKey("token")) {
            throw new WebRefusal(400, "Send the token in the login form or an Authorization header, "
                    + "never in the address: it would land in logs and in the browser's history.");
        }
        String given = formToken != null ? formToken : bearer(request);
        String address = clientAddress(request);
        if (token.isEmpty() || given == null || !same(given, token)) {
            throttle.failed(address);
            throw new WebRefusal(401, "That is not this mp4drop's web token.");
        }
        throttle.succeeded(address);
        WebAnswer.send(exchange.getMessage(), 303, "text/plain; charset=utf-8", "", Map.of("Location", "/",
                "Set-Cookie", SessionCookie.header(session.issue(), SessionCookie.MAX_AGE, overHttps(request))));
    }

    // the login form's body, read here (no body is read ahead: see routes/70-web); the gate lets through at
    // most LOGIN_BODY_LIMIT bytes
    private static String formToken(HttpServerRequest request) throws IOException {
        byte[] body;
        try (InputStream in = new RequestBody(request, FORM_PACE, WebGate.LOGIN_BODY_LIMIT)) {
            body = in.readNBytes((int) WebGate.LOGIN_BODY_LIMIT);
        }
        String type = request.getHeader("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return null;
        }
        List<String> values = new QueryStringDecoder(new String(body, StandardCharsets.UTF_8), false)
                .parameters().get("token");
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** POST /logout: the cookie is dropped; back to the page (which asks for the token again). */
    public void logout(Exchange exchange) {
        HttpServerRequest request = request(exchange);
        WebAnswer.send(exchange.getMessage(), 303, "text/plain; charset=utf-8", "", Map.of("Location", "/",
                "Set-Cookie", SessionCookie.header("", Duration.ZERO, overHttps(request))));
    }

    static HttpServerRequest request(Exchange exchange) {
        Message in = exchange.getIn();
        if (in instanceof HttpMessage http) {
            return http.getRequest();
        }
        throw new IllegalStateException("not a platform-http request");
    }

    // the login form, log-out, and the page's style and script, which hold nothing of the user's; /observe
    // is reached without the token (its counts are not the user's files), as the README says
    private static boolean open(String path) {
        return OPEN.contains(path) || path.equals(OBSERVE) || path.startsWith(OBSERVE + "/");
    }

    private boolean authorised(HttpServerRequest request) {
        String given = bearer(request);
        if (given != null) {
            String address = clientAddress(request);
            if (throttle.lockedOut(address).isPresent()) {
                return false;
            }
            if (!same(given, token)) {
                throttle.failed(address);
                return false;
            }
            return true;
        }
        var cookie = request.getCookie(SessionCookie.NAME);
        return cookie != null && session.valid(cookie.getValue());
    }

    private static String bearer(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        return null;
    }

    /**
     * Without a token the page trusts this machine. A page of another site that got its name pointed at
     * 127.0.0.1 (DNS rebinding) still sends its own name as Host, and a proxy in front makes every client
     * of the proxy look like this machine: both are refused here.
     */
    private static void requireThisMachine(HttpServerRequest request) {
        for (String header : FORWARDED) {
            if (request.getHeader(header) != null) {
                throw new WebRefusal(403, "This request came through a proxy (" + header + "): behind a proxy, "
                        + "set mp4drop.web.token (MP4DROP_WEB_TOKEN), so that only people with the token get in.");
            }
        }
        String host = hostAsked(request);
        if (host == null || !LOCAL_HOST.matcher(host).matches()) {
            throw new WebRefusal(421, "This mp4drop answers only as 127.0.0.1, localhost or [::1].");
        }
    }

    /**
     * A change must show that it comes from the page: its Origin is this server, or the browser says it is
     * same-origin, or it carries a header no form of another site can send (Authorization, X-Requested-With);
     * and a Referer, when there is one, must be this server too. Without {@code mustShow} only what shows
     * another site is refused.
     */
    private static void requireSamePage(HttpServerRequest request, boolean mustShow) {
        String referer = request.getHeader("Referer");
        if (referer != null && !sameOrigin(request, referer)) {
            throw new WebRefusal(403, OTHER_SITE);
        }
        String origin = request.getHeader("Origin");
        if (origin != null) {
            if (!sameOrigin(request, origin)) {
                throw new WebRefusal(403, OTHER_SITE);
            }
            return;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            if (!site.equalsIgnoreCase("same-origin")) {
                throw new WebRefusal(403, OTHER_SITE);
            }
            return;
        }
        if (mustShow && request.getHeader("Authorization") == null && request.getHeader(REQUESTED_WITH) == null) {
            throw new WebRefusal(403, "A request that changes something must come from the page, or carry "
                    + "an " + REQUESTED_WITH + " or Authorization header.");
        }
    }

    // scheme, name and port of the address the browser came from, against the address it asked for
    private static boolean sameOrigin(HttpServerRequest request, String address) {
        String host = hostAsked(request);
        try {
            URI from = URI.create(address);
            String scheme = overHttps(request) ? "https" : "http";
            if (host == null || from.getRawAuthority() == null || !scheme.equalsIgnoreCase(from.getScheme())) {
                return false;
            }
            URI asked = URI.create(scheme + "://" + host);
            return from.getHost() != null && from.getHost().equalsIgnoreCase(asked.getHost())
                    && portOf(from) == portOf(asked);
        } catch (IllegalArgumentException unreadable) {
            // an Origin that is not a URL ("null" from a sandboxed page) is another site
            return false;
        }
    }

    // the Host header as sent (HTTP/1.1), or the authority an HTTP/2 request names instead
    private static String hostAsked(HttpServerRequest request) {
        String host = request.getHeader("Host");
        if (host == null && request.version() == HttpVersion.HTTP_2 && request.authority() != null) {
            return request.authority().toString();
        }
        return host;
    }

    private static int portOf(URI address) {
        if (address.getPort() >= 0) {
            return address.getPort();
        }
        return "https".equalsIgnoreCase(address.getScheme()) ? 443 : 80;
    }

    /**
     * HTTPS directly, or through a proxy that says so (X-Forwarded-Proto). Believed because it can only make
     * things stricter: the cookie is kept to HTTPS, and the page's origin must be an https one; a browser
     * cannot add this header to another site's request.
     */
    private static boolean overHttps(HttpServerRequest request) {
        return request.isSSL() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }

    // the address the connection comes from; a proxy's clients share its address (and its lock-out)
    private static String clientAddress(HttpServerRequest request) {
        return request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
