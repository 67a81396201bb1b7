package mp4drop.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mp4drop.failure.InvalidSetting;
import mp4drop.job.JsonMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells another system ({@code mp4drop.webhook.url}) about every finished or failed file with a JSON
 * POST. A webhook is a courtesy: it never holds up the flow (messages go out from a small pool of their
 * own) and never fails a file (a failed delivery is one WARN line). The log names only the receiver's
 * scheme, host and port, since webhook URLs often carry a secret in their path or query.
 */
public final class Webhook implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");
    private static final int SENDERS = 2;
    // a receiver that is down for the whole run must not make messages pile up in memory without end
    private static final int MAX_WAITING = 100;
    private static final ObjectMapper JSON = JsonMapping.MAPPER;

    private final URI url;
    private final String where;
    private final Duration timeout;
    private final HttpClient http;
    private final ThreadPoolExecutor senders;

    /** @param url the receiver; empty or null turns the webhook off */
    public Webhook(String url) {
        this(url, DEFAULT_TIMEOUT);
    }

    public Webhook(String url, Duration timeout) {
        this.url = parse(url);
        this.timeout = timeout;
        if (this.url == null) {
            this.where = null;
            this.http = null;
            this.senders = null;
            return;
        }
        this.where = this.url.getScheme() + "://" + this.url.getHost()
                + (this.url.getPort() >= 0 ? ":" + this.url.getPort() : "");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        AtomicInteger count = new AtomicInteger();
        this.senders = new ThreadPoolExecutor(SENDERS, SENDERS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(MAX_WAITING), task -> {
                    Thread thread = new Thread(task, "webhook-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.senders.allowCoreThreadTimeOut(true);
    }

    public boolean enabled() {
        return url != null;
    }

    /**
     * Queues the message and returns at once. The future completes with true when the receiver answered
     * 2xx, false otherwise (already logged); it never completes exceptionally.
     */
    public CompletableFuture<Boolean> send(WebhookEvent event) {
        if (!enabled()) {
            return CompletableFuture.completedFuture(false);
        }
        try {
            return CompletableFuture.supplyAsync(() -> deliver(event), senders);
        } catch (RejectedExecutionException e) {
            LOG.warn("Webhook {}: {} messages already waiting, the '{}' message for {} is dropped", where,
                    MAX_WAITING, event.event(), event.file());
            return CompletableFuture.completedFuture(false);
        }
    }

    /** Gives queued messages up to the timeout to go out (a {@code --once} run is about to exit). */
    @Override
    public void close() {
        if (!enabled()) {
            return;
        }
        senders.shutdown();
        try {
            if (!senders.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                List<Runnable> unsent = senders.shutdownNow();
                LOG.warn("Webhook {}: {} message(s) not sent before shutdown", where, unsent.size());
            }
        } catch (InterruptedException e) {
            senders.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private boolean deliver(WebhookEvent event) {
        try {
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "mp4drop")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body(event)))
                    .build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                return true;
            }
            LOG.warn("Webhook {}: answered HTTP {} to the '{}' message for {}", where, status, event.event(),
                    event.file());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Webhook {}: the '{}' message for {} was interrupted", where, event.event(), event.file());
        } catch (Exception e) {
            LOG.warn("Webhook {}: could not deliver the '{}' message for {}: {}", where, event.event(),
                    event.file(), describe(e));
        }
        return false;
    }

    static byte[] body(WebhookEvent event) throws JsonProcessingException {
        ObjectNode body = JSON.createObjectNode();
        body.put("event", event.event());
        body.put("file", event.file());
        body.put("output", event.output());
        body.put("engine", event.engine());
        body.put("code", event.code());
        body.put("message", event.message());
        body.put("hint", event.hint());
        body.put("job_id", event.jobId());
        body.put("at", event.at() == null ? null : event.at().toString());
        return JSON.writeValueAsBytes(body);
    }

    private String describe(Exception e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return text.replace(url.toString(), where);
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI parsed = new URI(url.trim());
            String scheme = parsed.getScheme();
            if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && parsed.getHost() != null) {
                return parsed;
            }
        } catch (URISyntaxException e) {
            // reported below with the key's name
        }
        throw new InvalidSetting("mp4drop.webhook.url", redacted(url),
                "an http:// or https:// address, or nothing to send no webhook");
    }

    // the value may be a URL with a secret in it: show only enough to recognise it
    private static String redacted(String url) {
        String trimmed = url.trim();
        return trimmed.length() <= 12 ? trimmed : trimmed.substring(0, 12) + "...";
    }
}
