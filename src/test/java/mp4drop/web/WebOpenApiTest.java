package mp4drop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import mp4drop.job.JsonMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document Camel makes of routes/70-web names every door of the README's JSON API table. */
class WebOpenApiTest {
    private static final Pattern ROW = Pattern.compile("^\\| `(GET|POST) ([^`?]+)[^`]*` \\|", Pattern.MULTILINE);

    @TempDir
    Path root;

    @Test
    void theDocumentListsEveryEndpointOfTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("### The JSON API"), readme.indexOf("## What happens to a file"));
        List<String[]> endpoints = ROW.matcher(table).results().map(row -> new String[] {row.group(1), row.group(2)})
                .toList();
        assertThat(endpoints).hasSizeGreaterThanOrEqualTo(8);
        try (WebApp app = WebApp.start(root)) {
            RawHttp.Answer answer = RawHttp.get(app.port, "/api/openapi.json", "127.0.0.1:" + app.port);
            assertThat(answer.status()).isEqualTo(200);
            JsonNode document = JsonMapping.MAPPER.readTree(answer.body());
            assertThat(document.path("openapi").asText()).startsWith("3.");
            JsonNode paths = document.path("paths");
            for (String[] endpoint : endpoints) {
                String method = endpoint[0].toLowerCase(Locale.ROOT);
                assertThat(paths.path(endpoint[1]).has(method)).as(endpoint[0] + " " + endpoint[1] + " in " + paths.fieldNames())
                        .isTrue();
            }
            JsonNode upload = paths.path("/api/upload").path("post");
            assertThat(upload.path("parameters").toString()).contains("\"name\"", "\"folder\"");
            assertThat(upload.path("responses").has("507")).isTrue();
        }
    }
}
