package mp4drop.nemo;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/**
 * The JDK HTTP clients the NemoVideo code uses. The JDK client never re-sends a POST by itself, which is
 * what keeps an instruction from being charged twice.
 */
final class NemoHttp {
    private NemoHttp() {
    }

    /** API calls follow no redirect, so the bearer token can never be carried to another host. */
    static OnDemandHttpClient apiClient(NemoOptions settings) {
        return new OnDemandHttpClient(() -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    /** Downloads come from a public CDN that may redirect; they carry no credentials at all. */
    static OnDemandHttpClient downloadClient(NemoOptions settings) {
        return new OnDemandHttpClient(() -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build());
    }

    /** The attribution headers: without them exports were refused with HTTP 402. */
    static HttpRequest.Builder attributed(HttpRequest.Builder builder, NemoOptions settings) {
        return builder.header("X-Skill-Source", settings.skillSource())
                .header("X-Skill-Version", settings.skillVersion())
                .header("X-Skill-Platform", settings.skillPlatform());
    }
}
