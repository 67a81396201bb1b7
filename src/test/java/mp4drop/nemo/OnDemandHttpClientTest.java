package mp4drop.nemo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK client is built only when the API is first called (never on the local engine), and its selector
 * thread, which would hold up the JVM's exit, ends when mp4drop closes the client.
 */
class OnDemandHttpClientTest {
    @TempDir
    Path state;

    @Test
    void noClientIsBuiltUntilTheFirstCall() {
        Set<Thread> before = selectorThreads();
        OnDemandHttpClient client = NemoHttp.apiClient(settings());
        assertThat(client.built()).isFalse();
        assertThat(selectorThreads()).allMatch(before::contains);

        // nothing listens on port 9: the call fails, but it needed the client
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9/")).build(),
                HttpResponse.BodyHandlers.discarding())).isInstanceOf(IOException.class);
        assertThat(client.built()).isTrue();
        client.close();
    }

    @Test
    void closingAClientLeavesNoSelectorThreadBehind() {
        Set<Thread> before = selectorThreads();
        OnDemandHttpClient client = NemoHttp.apiClient(settings());
        assertThat(client.version()).isNotNull();
        List<Thread> its = selectorThreads().stream().filter(thread -> !before.contains(thread)).toList();
        assertThat(its).hasSize(1);

        client.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> !its.get(0).isAlive());
    }

    private NemoOptions settings() {
        return NemoOptions.defaults(URI.create("http://127.0.0.1:9"), URI.create("https://web.example"), "", state);
    }

    private static Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().endsWith("-SelectorManager")).collect(Collectors.toSet());
    }
}
