package mp4drop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mp4drop.CapturedLog;
import mp4drop.Mp4dropMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Safe by default: no password on 127.0.0.1 only, a token everywhere else, and then on every request. */
class WebTokenTest {
    private static final String TOKEN = "correct horse battery staple";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path root;

    @Test
    void boundToAnOpenAddressWithoutATokenMp4dropDoesNotStart() throws Exception {
        Map<String, String> settings = new HashMap<>();
        for (String folder : List.of("inbox", "outbox", "failed", "archive", "state", "batch")) {
            settings.put("mp4drop." + folder, root.resolve(folder).toString());
        }
        settings.put("mp4drop.engine", "local");
        settings.put("mp4drop.web.host", "0.0.0.0");
        try (ServerSocket socket = new ServerSocket(0)) {
            settings.put("mp4drop.web.port", String.valueOf(socket.getLocalPort()));
        }
        settings.put("mp4drop.web.token", "");
        try (CapturedLog log = new CapturedLog()) {
            assertThat(Mp4dropMain.run(new String[0], settings)).isEqualTo(2);
            assertThat(log.events()).anySatisfy(event -> assertThat(event.getMessage().getFormattedMessage())
                    .contains("mp4drop.web.host = 0.0.0.0", "mp4drop.web.token"));
        }
    }

    @Test
    void withATokenEveryRequestNeedsItAsACookieOrABearerHeader() throws Exception {
        try (WebApp app = WebApp.start(root, Map.of("mp4drop.web.token", TOKEN))) {
            HttpResponse<String> anonymous = get(app, "/api/status", Map.of());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).contains("mp4drop.web.token").doesNotContain(TOKEN);
            assertThat(get(app, "/api/jobs", Map.of("Authorization", "Bearer wrong")).statusCode()).isEqualTo(401);
            assertThat(get(app, "/api/status?Authorization=Bearer%20" + TOKEN.replace(" ", "%20"), Map.of())
                    .statusCode()).isEqualTo(401);
            assertThat(get(app, "/video?file=x.mp4", Map.of()).statusCode()).isEqualTo(401);
            assertThat(get(app, "/api/status", Map.of("Authorization", "Bearer " + TOKEN)).statusCode())
                    .isEqualTo(200);

            assertThat(get(app, "/assets/style.css", Map.of()).statusCode()).isEqualTo(200);
            HttpResponse<String> page = get(app, "/", Map.of());
            assertThat(page.statusCode()).isEqualTo(401);
            assertThat(page.body()).contains("<form method=\"post\" action=\"/login\">");

            HttpResponse<String> wrong = login(app, "guess", null);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("That is not this mp4drop's web token.");
            assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
            assertThat(login(app, TOKEN, "http://evil.example").statusCode()).isEqualTo(403);

            HttpResponse<String> right = login(app, TOKEN, "http://127.0.0.1:" + app.port);
            assertThat(right.statusCode()).isEqualTo(303);
            assertThat(right.headers().firstValue("Location")).hasValue("/");
            String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith(SessionCookie.NAME + "=").contains("HttpOnly", "SameSite=Strict")
                    .doesNotContain(TOKEN).doesNotContain(TOKEN.replace(" ", "+"));
            String session = cookie.substring(0, cookie.indexOf(';'));

            assertThat(get(app, "/", Map.of("Cookie", session)).body()).contains("id=\"picker\"");
            assertThat(get(app, "/api/status", Map.of("Cookie", session)).statusCode()).isEqualTo(200);
            assertThat(get(app, "/api/status", Map.of("Cookie", SessionCookie.NAME + "=forged")).statusCode())
                    .isEqualTo(401);
            HttpResponse<String> crossSite = HTTP.send(HttpRequest.newBuilder(app.uri("/api/retry?file=x.avi"))
                    .header("Authorization", "Bearer " + TOKEN).header("Origin", "http://evil.example")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(crossSite.statusCode()).isEqualTo(403);
            HttpResponse<String> tool = HTTP.send(HttpRequest.newBuilder(app.uri("/api/retry?file=x.avi"))
                    .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(tool.statusCode()).isEqualTo(404);
            assertThat(tool.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("authorization"));
        }
    }

    private static HttpResponse<String> get(WebApp app, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> login(WebApp app, String token, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + java.net.URLEncoder.encode(token,
                        java.nio.charset.StandardCharsets.UTF_8)));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
