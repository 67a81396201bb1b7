package mp4drop;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.logging.log4j.core.LogEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A --once run does not end while webhook messages are still going out to a slow receiver. */
class WebhookDrainTest extends AgainstStandIn {
    private static final Duration RECEIVER_DELAY = Duration.ofMillis(1500);

    private final List<String> answered = new CopyOnWriteArrayList<>();
    private final List<Instant> answeredAt = new CopyOnWriteArrayList<>();
    private final ExecutorService receiverThreads = Executors.newFixedThreadPool(4);
    private HttpServer receiver;

    @BeforeEach
    void startSlowReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(receiverThreads);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            try {
                // the slow receiver's own pace, not a wait
                Thread.sleep(RECEIVER_DELAY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            answered.add(body);
            answeredAt.add(Instant.now());
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
        receiverThreads.shutdownNow();
    }

    @Test
    void everyMessageIsAnsweredBeforeTheRunFinishes() throws Exception {
        Pipeline pipeline = cloudPipeline()
                .set("mp4drop.webhook.url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        for (String name : List.of("a.avi", "b.avi", "c.avi")) {
            pipeline.drop(name, new byte[0]);
        }

        int exit;
        Instant runFinished;
        try (CapturedLog log = new CapturedLog()) {
            exit = pipeline.runOnce(Duration.ofSeconds(60));
            runFinished = log.events().stream().filter(event -> message(event).startsWith("Run finished"))
                    .map(event -> Instant.ofEpochMilli(event.getTimeMillis())).findFirst().orElseThrow();
        }

        assertThat(exit).isEqualTo(1);
        assertThat(answered).hasSize(3).allSatisfy(body -> assertThat(body).contains("\"event\":\"failed\""));
        assertThat(answeredAt).allSatisfy(at -> assertThat(at).isBefore(runFinished));
    }

    private static String message(LogEvent event) {
        return event.getMessage().getFormattedMessage();
    }
}
