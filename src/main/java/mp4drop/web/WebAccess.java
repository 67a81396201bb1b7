package mp4drop.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mp4drop.failure.InvalidSetting;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * Who may use the web page. Bound to this machine only (127.0.0.1) it needs no password; bound anywhere
 * else mp4drop does not start without {@code mp4drop.web.token}, and then every request needs it: people
 * log in once (a cookie that holds a value derived from the token, never the token), tools send
 * {@code Authorization: Bearer <token>}. Requests that change something must come from the page itself
 * (their Origin is this server), so another web site open in the same browser cannot send files or press
 * buttons. Headers are read from the request itself: query parameters cannot stand in for them.
 */
public final class WebAccess {
    static final String COOKIE = "mp4drop_session";
    private static final String LOGIN_PATH = "/login";

    private final String token;
    private final String session;

    private WebAccess(String token) {
        this.token = token;
        this.session = token.isEmpty() ? "" : sessionValue(token);
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
        return new WebAccess(token);
    }

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

    /** Every web request passes here first (routes/70-web.camel.yaml); a {@link WebRefusal} stops it. */
    public void check(Exchange exchange) {
        HttpServerRequest request = request(exchange);
        if (token.isEmpty()) {
            requireLocalHostName(request);
        }
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            requireSameOrigin(request);
        }
        if (!token.isEmpty() && !open(request.path()) && !authorised(request)) {
            throw new WebRefusal(401, "Log in first: this mp4drop needs its web token (mp4drop.web.token).");
        }
    }

    /** POST /login from the login form: the right token sets the session cookie and leads to the page. */
    public void login(Exchange exchange) {
        String given = exchange.getIn().getHeader("token", "", String.class);
        if (token.isEmpty() || !same(given, token)) {
            throw new WebRefusal(401, "That is not this mp4drop's web token.");
        }
        WebAnswer.send(exchange.getMessage(), 303, "text/plain; charset=utf-8", "", Map.of(
                "Location", "/",
                "Set-Cookie", COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000"));
    }

    static HttpServerRequest request(Exchange exchange) {
        Message in = exchange.getIn();
        if (in instanceof HttpMessage http) {
            return http.getRequest();
        }
        throw new IllegalStateException("not a platform-http request");
    }

    // the login form itself and the page's style and script, which hold nothing of the user's
    private static boolean open(String path) {
        return LOGIN_PATH.equals(path) || path.startsWith("/assets/");
    }

    private boolean authorised(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return same(authorization.substring(7).strip(), token);
        }
        var cookie = request.getCookie(COOKIE);
        return cookie != null && same(cookie.getValue(), session);
    }

    /**
     * Without a token the page trusts this machine; a page of another site that got its name pointed at
     * 127.0.0.1 (DNS rebinding) still sends its own name as Host, and is refused here.
     */
    private static void requireLocalHostName(HttpServerRequest request) {
        HostAndPort authority = request.authority();
        String host = authority == null ? null : authority.host();
        // only names that need no look-up: a DNS name is exactly what a rebinding page controls
        boolean literal = host != null
                && (host.equalsIgnoreCase("localhost") || host.matches("[0-9.]+|\\[?[0-9a-fA-F:.]+]?"));
        if (!literal || !isLoopback(host)) {
            throw new WebRefusal(421, "This mp4drop answers only as 127.0.0.1 or localhost.");
        }
    }

    private static void requireSameOrigin(HttpServerRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && site.equalsIgnoreCase("cross-site")) {
            throw new WebRefusal(403, "Requests from other web sites are refused.");
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return;
        }
        HostAndPort authority = request.authority();
        try {
            URI from = URI.create(origin);
            if (authority != null && from.getHost() != null
                    && from.getHost().equalsIgnoreCase(authority.host())
                    && portOf(from) == (authority.port() >= 0 ? authority.port() : defaultPort(request))) {
                return;
            }
        } catch (IllegalArgumentException unreadable) {
            // an Origin that is not a URL ("null" from a sandboxed page) is refused below
        }
        throw new WebRefusal(403, "Requests from other web sites are refused.");
    }

    private static int portOf(URI origin) {
        if (origin.getPort() >= 0) {
            return origin.getPort();
        }
        return "https".equalsIgnoreCase(origin.getScheme()) ? 443 : 80;
    }

    private static int defaultPort(HttpServerRequest request) {
        return request.isSSL() ? 443 : 80;
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static String sessionValue(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal("mp4drop web session".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
