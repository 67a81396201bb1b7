package mp4drop.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.with;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mp4drop.CapturedLog;
import mp4drop.config.TypedProperties;
import mp4drop.failure.InvalidSetting;
import mp4drop.job.Job;
import mp4drop.job.Jobs;
import mp4drop.job.Stage;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookTest {
    private static final Instant AT = Instant.parse("2026-01-10T02:03:04Z");
    private static final String SECRET = "s3cr3t-hook-key";

    private WireMockServer wm;
    private NotifyRoute route;
    private Webhook webhook;

    @BeforeEach
    void startReceiver() {
        wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
    }

    @AfterEach
    void stopReceiver() {
        if (route != null) {
            route.close();
        }
        wm.stop();
    }

    private String url() {
        return "http://127.0.0.1:" + wm.port() + "/hooks/mp4drop?key=" + SECRET;
    }

    private void start(String url, String... settings) throws Exception {
        route = new NotifyRoute(url, settings);
        webhook = route.webhook;
    }

    private static Job done() {
        return Jobs.job("holiday.avi", Stage.DONE, "id", "20260110-020000-1a2b3c4d",
                "output", "/outbox/holidays/holiday.avi.mp4");
    }

    private static boolean await(CompletableFuture<Boolean> sent) throws Exception {
        return sent.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aConvertedFileIsPostedWithEveryFieldAndNullsWhereThereIsNothing() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/hooks/mp4drop")).willReturn(aResponse().withStatus(204)));
        start(url());

        assertThat(await(webhook.send(WebhookEvent.converted(done(), AT)))).isTrue();

        wm.verify(postRequestedFor(urlEqualTo("/hooks/mp4drop?key=" + SECRET))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"event":"converted","file":"holiday.avi","output":"/outbox/holidays/holiday.avi.mp4",
                         "engine":"nemo","code":null,"message":null,"hint":null,
                         "job_id":"20260110-020000-1a2b3c4d","at":"2026-01-10T02:03:04Z"}""")));
    }

    @Test
    void failedAndDuplicateFilesCarryTheirOwnFields() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/hooks/mp4drop")).willReturn(aResponse().withStatus(200)));
        start(url());
        Job duplicate = Jobs.job("holiday.avi", Stage.DONE, "id", "20260110-020000-1a2b3c4d",
                "duplicateOf", "/outbox/earlier.avi.mp4");

        await(webhook.send(WebhookEvent.failed("tape.avi", null, "empty-file", "tape.avi is empty (0 bytes).",
                "Copy the video again.", AT)));
        await(webhook.send(WebhookEvent.duplicate(duplicate, AT)));

        wm.verify(postRequestedFor(urlPathEqualTo("/hooks/mp4drop")).withRequestBody(equalToJson("""
                {"event":"failed","file":"tape.avi","output":null,"engine":null,"code":"empty-file",
                 "message":"tape.avi is empty (0 bytes).","hint":"Copy the video again.","job_id":null,
                 "at":"2026-01-10T02:03:04Z"}""")));
        wm.verify(postRequestedFor(urlPathEqualTo("/hooks/mp4drop")).withRequestBody(equalToJson("""
                {"event":"duplicate","file":"holiday.avi","output":"/outbox/earlier.avi.mp4","engine":"nemo",
                 "code":null,"message":null,"hint":null,"job_id":"20260110-020000-1a2b3c4d",
                 "at":"2026-01-10T02:03:04Z"}""")));
    }

    @Test
    void theCallerDoesNotWaitForTheReceiver() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/hooks/mp4drop"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(700)));
        start(url());

        long started = System.nanoTime();
        CompletableFuture<Boolean> sent = webhook.send(WebhookEvent.converted(done(), AT));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(300));
        assertThat(sent).isNotDone();
        assertThat(await(sent)).isTrue();
    }

    @Test
    void aNon2xxAnswerIsOneWarningWithoutStackTraceOrSecret() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/hooks/mp4drop")).willReturn(aResponse().withStatus(500).withBody("boom")));
        start(url());

        try (CapturedLog log = new CapturedLog()) {
            assertThat(await(webhook.send(WebhookEvent.converted(done(), AT)))).isFalse();

            assertThat(log.at(Level.WARN)).singleElement().satisfies(event -> {
                assertThat(message(event)).isEqualTo("Webhook http://127.0.0.1:" + wm.port()
                        + ": answered HTTP 500 to the 'converted' message for holiday.avi");
                assertThat(event.getThrown()).isNull();
            });
        }
    }

    @Test
    void anUnreachableReceiverIsOneWarningAndNothingThrown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        start("http://127.0.0.1:" + closedPort + "/hook?key=" + SECRET);

        try (CapturedLog log = new CapturedLog()) {
            assertThat(await(webhook.send(WebhookEvent.converted(done(), AT)))).isFalse();

            assertThat(log.at(Level.WARN)).singleElement().satisfies(event -> {
                assertThat(message(event)).startsWith("Webhook http://127.0.0.1:" + closedPort
                        + ": could not deliver the 'converted' message for holiday.avi: ").doesNotContain(SECRET);
                assertThat(event.getThrown()).isNull();
            });
        }
    }

    @Test
    void aReceiverThatDoesNotAnswerWithinTenSecondsIsOneWarning() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/hooks/mp4drop"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(12_000)));
        start(url());

        try (CapturedLog log = new CapturedLog()) {
            long started = System.nanoTime();
            assertThat(webhook.send(WebhookEvent.converted(done(), AT)).get(20, TimeUnit.SECONDS)).isFalse();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(9),
                    Duration.ofSeconds(12));
            assertThat(log.at(Level.WARN)).singleElement().satisfies(event -> {
                assertThat(message(event)).startsWith("Webhook http://127.0.0.1:" + wm.port()
                        + ": could not deliver the 'converted' message for holiday.avi: ").doesNotContain(SECRET);
                assertThat(event.getThrown()).isNull();
            });
        }
    }

    @Test
    void aFullQueueDropsTheNewMessageWithOneWarningAndHoldsNobodyUp() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/hooks/mp4drop"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        start(url(), "camel.main.shutdown-timeout=1");
        for (int i = 0; i < 2; i++) {
            webhook.send(WebhookEvent.converted(done(), AT));
        }
        // both senders are busy with the receiver: the queue now fills from empty
        with().atMost(Duration.ofSeconds(5)).until(() -> wm.getAllServeEvents().size() >= 2);
        for (int i = 0; i < 100; i++) {
            webhook.send(WebhookEvent.converted(done(), AT));
        }

        try (CapturedLog log = new CapturedLog()) {
            long started = System.nanoTime();
            CompletableFuture<Boolean> dropped = webhook.send(WebhookEvent.failed("tape.avi", null, "empty-file",
                    "tape.avi is empty (0 bytes).", "Copy the video again.", AT));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(300));
            assertThat(dropped).isCompletedWithValue(false);
            assertThat(log.at(Level.WARN)).singleElement().satisfies(event -> assertThat(message(event))
                    .isEqualTo("Webhook http://127.0.0.1:" + wm.port()
                            + ": the queue is full, the 'failed' message for tape.avi is dropped"));
        }
        assertThat(webhook.pending()).isEqualTo(102);
    }

    @Test
    void anEmptyUrlTurnsTheWebhookOff() throws Exception {
        start(" ");

        assertThat(webhook.enabled()).isFalse();
        assertThat(await(webhook.send(WebhookEvent.converted(done(), AT)))).isFalse();
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void anUnusableUrlNamesTheKeyButNotTheWholeValue() {
        assertThatThrownBy(() -> webhookUrl("ftp://files.example/hook?key=" + SECRET))
                .isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("mp4drop.webhook.url")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> webhookUrl("not a url"))
                .isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("mp4drop.webhook.url");
    }

    /** The check the wiring makes before it builds the webhook. */
    private static URI webhookUrl(String value) {
        return new TypedProperties(key -> Optional.of(value)).url("mp4drop.webhook.url");
    }

    private static String message(LogEvent event) {
        return event.getMessage().getFormattedMessage();
    }
}
