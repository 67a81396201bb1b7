package mp4drop.nemo;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK HTTP client that is built at its first use, and that can be closed. A run on the local engine never
 * builds one: building it loads Java's TLS trust store, 0.12 s of every start. Closing ends its selector thread,
 * which JDK 17 gives no way to close: left waiting in the kernel, that thread holds up the JVM's exit by 0.3 s
 * (the JVM waits for threads in native code), and an interrupt ends it.
 */
final class OnDemandHttpClient extends HttpClient implements AutoCloseable {
    // the JDK names the selector thread after the client's id, which the client's text ends with: "...(7)"
    private static final Pattern CLIENT_ID = Pattern.compile("\\((\\d+)\\)$");

    private final Supplier<HttpClient> build;
    private volatile HttpClient client;

    OnDemandHttpClient(Supplier<HttpClient> build) {
        this.build = build;
    }

    private HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = build.get();
                    client = built;
                }
            }
        }
        return built;
    }

    boolean built() {
        return client != null;
    }

    /** Once nothing more is sent with it. */
    @Override
    public void close() {
        HttpClient built = client;
        if (built == null) {
            return;
        }
        Matcher id = CLIENT_ID.matcher(built.toString());
        if (!id.find()) {
            return;
        }
        String name = "HttpClient-" + id.group(1) + "-SelectorManager";
        Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(name))
                .forEach(Thread::interrupt);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return client().send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
            HttpResponse.BodyHandler<T> handler) {
        return client().sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
            HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return client().sendAsync(request, handler, pushPromiseHandler);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return client().cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return client().connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return client().followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return client().proxy();
    }

    @Override
    public SSLContext sslContext() {
        return client().sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return client().sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return client().authenticator();
    }

    @Override
    public Version version() {
        return client().version();
    }

    @Override
    public Optional<Executor> executor() {
        return client().executor();
    }
}
