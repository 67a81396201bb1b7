package mp4drop.nemo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JDK client's selector thread, which would hold up the JVM's exit, ends when mp4drop lets the client go. */
class NemoHttpTest {
    @TempDir
    Path state;

    @Test
    void aClientLetGoLeavesNoSelectorThreadBehind() {
        Set<Thread> before = selectorThreads();
        HttpClient client = NemoHttp.apiClient(NemoOptions.defaults(URI.create("http://127.0.0.1:9"),
                URI.create("https://web.example"), "", state));
        List<Thread> its = selectorThreads().stream().filter(thread -> !before.contains(thread)).toList();
        assertThat(its).hasSize(1);

        NemoHttp.endSelectorThread(client);

        await().atMost(Duration.ofSeconds(5)).until(() -> !its.get(0).isAlive());
    }

    private static Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().endsWith("-SelectorManager")).collect(Collectors.toSet());
    }
}
