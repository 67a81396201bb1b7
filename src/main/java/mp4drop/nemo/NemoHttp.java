package mp4drop.nemo;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDK HTTP clients the NemoVideo code uses. The JDK client never re-sends a POST by itself, which is
 * what keeps an instruction from being charged twice.
 */
final class NemoHttp {
    private static final Pattern CLIENT_ID = Pattern.compile("\\((\\d+)\\)$");

    private NemoHttp() {
    }

    /** API calls follow no redirect, so the bearer token can never be carried to another host. */
    static HttpClient apiClient(NemoOptions settings) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Downloads come from a public CDN that may redirect; they carry no credentials at all. */
    static HttpClient downloadClient(NemoOptions settings) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * Ends a client's selector thread once nothing more is sent with it. JDK 17's client cannot be closed, and
     * that thread, waiting in the kernel, holds up the JVM's exit by 0.3 s (the JVM waits for threads in native
     * code); an interrupt ends it. The thread is named after the client's id, which the client's text ends with.
     */
    static void endSelectorThread(HttpClient client) {
        Matcher id = CLIENT_ID.matcher(client.toString());
        if (!id.find()) {
            return;
        }
        String name = "HttpClient-" + id.group(1) + "-SelectorManager";
        Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(name))
                .forEach(Thread::interrupt);
    }

    /** The attribution headers: without them exports were refused with HTTP 402. */
    static HttpRequest.Builder attributed(HttpRequest.Builder builder, NemoOptions settings) {
        return builder.header("X-Skill-Source", settings.skillSource())
                .header("X-Skill-Version", settings.skillVersion())
                .header("X-Skill-Platform", settings.skillPlatform());
    }
}
