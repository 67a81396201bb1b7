package mp4drop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging in as people expect: the token only from the form's body or an Authorization header, wrong
 * tokens slowed down per address, a cookie that ends unless it is used, and a way to log out.
 */
class WebLoginTest {
    private static final String TOKEN = "login-test-token";

    @TempDir
    static Path root;
    static WebApp app;

    @BeforeAll
    static void start() throws Exception {
        app = WebApp.start(root.resolve("shared"), Map.of("mp4drop.web.token", TOKEN));
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theTokenIsNeverTakenFromTheAddress() throws Exception {
        RawHttp.Answer query = RawHttp.send(app.port, "POST", "/login?token=" + TOKEN, host(app), new byte[0],
                "Origin: http://" + host(app));
        assertThat(query.status()).isEqualTo(400);
        assertThat(query.body()).contains("never in the address");
        assertThat(query.header("Set-Cookie")).isEmpty();
        RawHttp.Answer both = login(app, "token=" + TOKEN, "/login?token=" + TOKEN);
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.header("Set-Cookie")).isEmpty();
        assertThat(RawHttp.get(app.port, "/login?token=" + TOKEN, host(app)).header("Set-Cookie")).isEmpty();
        assertThat(RawHttp.get(app.port, "/api/status?token=" + TOKEN, host(app)).status()).isEqualTo(401);

        RawHttp.Answer form = login(app, "token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8), "/login");
        assertThat(form.status()).isEqualTo(303);
        assertThat(form.header("Set-Cookie")).isPresent();
        RawHttp.Answer header = RawHttp.send(app.port, "POST", "/login", host(app), new byte[0],
                "Authorization: Bearer " + TOKEN);
        assertThat(header.status()).isEqualTo(303);
        assertThat(header.header("Set-Cookie")).isPresent();
    }

    @Test
    void fiftyWrongLoginsAreSlowedDownAndTheAddressWaitsBeforeTheRightOne() throws Exception {
        // an instance of its own: the lock-out is per address, and every test comes from 127.0.0.1
        try (WebApp locked = WebApp.start(root.resolve("locked"), Map.of("mp4drop.web.token", TOKEN))) {
            List<Integer> statuses = new ArrayList<>();
            RawHttp.Answer lastLocked = null;
            for (int i = 0; i < 50; i++) {
                RawHttp.Answer answer = login(locked, "token=guess-" + i, "/login");
                statuses.add(answer.status());
                if (answer.status() == 429) {
                    lastLocked = answer;
                }
            }
            assertThat(statuses.subList(0, 5)).containsOnly(401);
            assertThat(statuses.stream().filter(status -> status == 429).count()).isGreaterThanOrEqualTo(40);
            assertThat(lastLocked).isNotNull();
            long retryAfter = Long.parseLong(lastLocked.header("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 900L);
            assertThat(lastLocked.body()).contains("Too many wrong tokens");

            // locked out, even the right token is not looked at, in the form or as a bearer
            assertThat(login(locked, "token=" + TOKEN, "/login").status()).isEqualTo(429);
            assertThat(RawHttp.get(locked.port, "/api/status", host(locked), "Authorization: Bearer " + TOKEN).status())
                    .isEqualTo(401);

            Thread.sleep(Duration.ofSeconds(retryAfter).toMillis() + 200);
            RawHttp.Answer right = login(locked, "token=" + TOKEN, "/login");
            assertThat(right.status()).isEqualTo(303);
            // forgiven: a typo afterwards is a plain 401 again
            assertThat(login(locked, "token=typo", "/login").status()).isEqualTo(401);
        }
    }

    @Test
    void theCookieExpiresIsRenewedWhileUsedAndIsSecureBehindHttps() throws Exception {
        String cookie = login(app, "token=" + TOKEN, "/login").header("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(SessionCookie.NAME + "=").contains("Max-Age=604800", "HttpOnly",
                "SameSite=Strict", "Path=/").doesNotContain("Secure").doesNotContain(TOKEN);
        String session = cookie.substring(0, cookie.indexOf(';'));
        RawHttp.Answer fresh = RawHttp.get(app.port, "/api/status", host(app), "Cookie: " + session);
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.header("Set-Cookie")).isEmpty();

        String secure = RawHttp.send(app.port, "POST", "/login", host(app), form("token=" + TOKEN),
                "Origin: https://" + host(app), "X-Forwarded-Proto: https",
                "Content-Type: application/x-www-form-urlencoded").header("Set-Cookie").orElseThrow();
        assertThat(secure).contains("; Secure", "HttpOnly", "SameSite=Strict");

        String aMinuteOld = cookieIssued(Instant.now().minus(Duration.ofMinutes(2)));
        RawHttp.Answer used = RawHttp.get(app.port, "/api/status", host(app), "Cookie: " + aMinuteOld);
        assertThat(used.status()).isEqualTo(200);
        assertThat(used.header("Set-Cookie").orElseThrow()).contains("Max-Age=604800")
                .doesNotContain(aMinuteOld);

        String expired = cookieIssued(Instant.now().minus(Duration.ofDays(8)));
        assertThat(RawHttp.get(app.port, "/api/status", host(app), "Cookie: " + expired).status())
                .isEqualTo(401);
        String otherToken = SessionCookie.NAME + "=" + new SessionCookie("another-token", Clock.systemUTC()).issue();
        assertThat(RawHttp.get(app.port, "/api/status", host(app), "Cookie: " + otherToken).status())
                .isEqualTo(401);
    }

    @Test
    void thePageHasALogOutButtonThatEndsTheSession() throws Exception {
        String cookie = login(app, "token=" + TOKEN, "/login").header("Set-Cookie").orElseThrow();
        String session = cookie.substring(0, cookie.indexOf(';'));
        RawHttp.Answer page = RawHttp.get(app.port, "/", host(app), "Cookie: " + session);
        assertThat(page.body()).contains("<form method=\"post\" action=\"/logout\"", "Log out");

        RawHttp.Answer out = RawHttp.send(app.port, "POST", "/logout", host(app), new byte[0],
                "Origin: http://" + host(app), "Cookie: " + session);
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.header("Location")).hasValue("/");
        assertThat(out.header("Set-Cookie").orElseThrow()).startsWith(SessionCookie.NAME + "=;")
                .contains("Max-Age=0");
    }

    private static String cookieIssued(Instant when) {
        return SessionCookie.NAME + "=" + new SessionCookie(TOKEN, Clock.fixed(when, ZoneOffset.UTC)).issue();
    }

    private static RawHttp.Answer login(WebApp app, String body, String target) throws Exception {
        return RawHttp.send(app.port, "POST", target, host(app), form(body), "Origin: http://" + host(app),
                "Content-Type: application/x-www-form-urlencoded");
    }

    private static byte[] form(String body) {
        return body.getBytes(StandardCharsets.US_ASCII);
    }

    private static String host(WebApp app) {
        return "127.0.0.1:" + app.port;
    }
}
