package mp4drop.notify;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Producer;
import org.apache.camel.Variable;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells another system ({@code mp4drop.webhook.url}) about every finished or failed file: hands the event
 * to routes/60-notify.camel.yaml, which posts it as JSON. A webhook is a courtesy: it never holds up the
 * flow (the route has its own queue and threads) and never fails a file (a failed delivery is one WARN
 * line). The log names only the receiver's scheme, host and port, since webhook URLs often carry a secret
 * in their path or query.
 */
public final class Webhook extends ServiceSupport {
    /** The route that sends the messages; its exchanges are the webhook's, not a file's. */
    public static final String ROUTE = "notify";
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");

    private final URI url;
    private final String where;
    private final CamelContext context;
    private final AtomicInteger pending = new AtomicInteger();
    private Producer queue;

    /** @param url the receiver, checked by the settings; null turns the webhook off */
    public Webhook(URI url, CamelContext context) {
        this.url = url;
        this.context = context;
        this.where = this.url == null ? null : this.url.getScheme() + "://" + this.url.getHost()
                + (this.url.getPort() >= 0 ? ":" + this.url.getPort() : "");
    }

    public boolean enabled() {
        return url != null;
    }

    /** The address the route posts to, checked: empty when the webhook is off. */
    public String url() {
        return enabled() ? url.toString() : "";
    }

    /**
     * Queues the message and returns at once. The future completes with true when the receiver answered
     * 2xx, false otherwise (already logged); it never completes exceptionally.
     */
    public CompletableFuture<Boolean> send(WebhookEvent event) {
        if (!enabled()) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> delivered = new CompletableFuture<>();
        Exchange message = new DefaultExchange(context);
        message.getMessage().setBody(event);
        // seda hands these over to the queued copy: they run when the route is done with the message
        message.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange sent) {
                settle(delivered, answeredOk(sent.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)));
            }
        });
        pending.incrementAndGet();
        try {
            queue().process(message);
        } catch (Exception e) {
            message.setException(e);
        }
        if (message.getException() != null) {
            LOG.warn("Webhook {}: the queue is full, the '{}' message for {} is dropped", where, event.event(),
                    event.file());
            settle(delivered, false);
        }
        return delivered;
    }

    /** Messages handed over and not yet answered or given up. */
    public int pending() {
        return pending.get();
    }

    /** The route's step after the receiver answered. */
    public void answered(@Header(Exchange.HTTP_RESPONSE_CODE) Integer status, @Variable("event") WebhookEvent event) {
        if (!answeredOk(status)) {
            LOG.warn("Webhook {}: answered HTTP {} to the '{}' message for {}", where, status, event.event(),
                    event.file());
        }
    }

    /** The route's step when the message could not be posted. */
    public void undelivered(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception e,
            @Variable("event") WebhookEvent event) {
        LOG.warn("Webhook {}: could not deliver the '{}' message for {}: {}", where, event.event(), event.file(),
                describe(e));
    }

    // the route's own endpoint, so the queue has the size its YAML gives; a plain producer, not a template,
    // so that the send raises no exchange event outside a route (its metrics would lack the route tag)
    private synchronized Producer queue() throws Exception {
        if (queue == null) {
            queue = context.getRoute(ROUTE).getEndpoint().createProducer();
            ServiceHelper.startService(queue);
        }
        return queue;
    }

    @Override
    protected synchronized void doStop() {
        ServiceHelper.stopService(queue);
    }

    private void settle(CompletableFuture<Boolean> delivered, boolean ok) {
        if (delivered.complete(ok)) {
            pending.decrementAndGet();
        }
    }

    private static boolean answeredOk(Integer status) {
        return status != null && status / 100 == 2;
    }

    private String describe(Exception e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return text.replace(url.toString(), where);
    }
}
