package mp4drop.nemo;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds API URIs; ids are percent-encoded so no id can change the path. */
final class UrlParts {
    private UrlParts() {
    }

    static URI api(URI base, String path) {
        return URI.create(base.toString().replaceAll("/+$", "") + path);
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String queryValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
