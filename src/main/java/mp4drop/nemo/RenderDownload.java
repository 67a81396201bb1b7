package mp4drop.nemo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import mp4drop.outbox.OutboxSpace;
import mp4drop.outbox.WriteFailure;

/**
 * Streams a rendered MP4 from its public CDN link to disk, under a stall watchdog and a size ceiling. The
 * link gets no token and no attribution header. A failed download leaves no partial file behind.
 */
final class RenderDownload {
    private final NemoOptions settings;
    private final HttpClient downloads;
    private final ScheduledExecutorService watchdogs;
    private final Clock clock;

    RenderDownload(NemoOptions settings, HttpClient downloads, ScheduledExecutorService watchdogs, Clock clock) {
        this.settings = settings;
        this.downloads = downloads;
        this.watchdogs = watchdogs;
        this.clock = clock;
    }

    long download(String url, Path target) {
        URI uri = outputUri(url);
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        CompletableFuture<HttpResponse<InputStream>> future =
                downloads.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        try (StreamWatchdog watchdog = new StreamWatchdog(watchdogs, settings.downloadStallTimeout(), null, future)) {
            HttpResponse<InputStream> response = awaitDownload(future, watchdog);
            watchdog.reading(response.body());
            try (InputStream in = response.body()) {
                int status = response.statusCode();
                if (status < 200 || status >= 300) {
                    throw downloadRefused(status, response.headers());
                }
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > settings.maxDownloadBytes()) {
                    throw tooLarge(declared);
                }
                OutboxSpace.requireRoom(target.toAbsolutePath().getParent(), declared);
                return copy(in, target, declared, watchdog);
            }
        } catch (IOException e) {
            deleteQuietly(target);
            throw ErrorMapper.network("download", e);
        } catch (RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
    }

    private static URI outputUri(String url) {
        if (url == null || url.isBlank()) {
            throw new NemoApiException("download", "no-output-url", "The render finished without a download link",
                    "Export the render again.", null, 0, null);
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw badOutputUrl();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw badOutputUrl();
        }
        return uri;
    }

    private static NemoApiException badOutputUrl() {
        return new NemoApiException("download", "bad-output-url",
                "The render's download link is not an http(s) URL, so it was not opened",
                "Export the render again; if the link stays odd, report it to the mp4drop maintainers.", null, 0,
                null);
    }

    private HttpResponse<InputStream> awaitDownload(CompletableFuture<HttpResponse<InputStream>> future,
            StreamWatchdog watchdog) throws IOException {
        try {
            return future.get();
        } catch (CancellationException e) {
            throw stalled(0);
        } catch (ExecutionException e) {
            if (watchdog.expiry() != null) {
                throw stalled(0);
            }
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw ErrorMapper.interrupted("download", e);
        }
    }

    private long copy(InputStream in, Path target, long declared, StreamWatchdog watchdog) {
        long written = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            int n;
            while ((n = readSome(in, buffer, written, declared, watchdog)) != -1) {
                written += n;
                if (written > settings.maxDownloadBytes()) {
                    throw tooLarge(written);
                }
                out.write(buffer, 0, n);
                watchdog.activity();
            }
        } catch (IOException e) {
            throw WriteFailure.of("download", e, target, declared).orElseGet(() -> localWriteFailure(target, e));
        }
        if (watchdog.expiry() != null) {
            throw stalled(written);
        }
        if (declared >= 0 && written < declared) {
            throw truncated(written, declared, null);
        }
        return written;
    }

    /** A read that fails is the network's fault, never the disk's: report it as such. */
    private int readSome(InputStream in, byte[] buffer, long written, long declared, StreamWatchdog watchdog) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw watchdog.expiry() != null ? stalled(written) : truncated(written, declared, e);
        }
    }

    private TransientApiException stalled(long written) {
        return new TransientApiException("download", "stalled", "The download received nothing for "
                + settings.downloadStallTimeout().toSeconds() + " s and was abandoned after " + written + " bytes",
                "A slow or stuck CDN; the job downloads again later.", null, 0, null);
    }

    private static TransientApiException truncated(long written, long declared, IOException cause) {
        String expected = declared >= 0 ? " of " + declared : "";
        return new TransientApiException("download", "truncated", "The download was cut off after " + written
                + expected + " bytes (the connection closed early)",
                "A network or CDN hiccup; the job downloads again later.", null, 0, cause);
    }

    private NemoApiException tooLarge(long bytes) {
        return new NemoApiException("download", "too-large", "The rendered file is larger than the allowed "
                + settings.maxDownloadBytes() + " bytes (at least " + bytes + ")",
                "Raise the maximum download size in the configuration if this file is expected to be this big.",
                null, 0, null);
    }

    private static NemoApiException localWriteFailure(Path target, IOException e) {
        return new NemoApiException("download", "local-write", "Could not write the MP4 to " + target,
                "Check that the output folder exists, is writable and has free space.", null, 0, e);
    }

    private NemoApiException downloadRefused(int status, HttpHeaders headers) {
        if (status == 429 || status >= 500) {
            return ErrorMapper.fromAnswer("download", status, null, null,
                    headers.firstValue("Retry-After").orElse(null), settings.registerUrl(null), clock);
        }
        return new NemoApiException("download", "http-" + status,
                "The render's download link answered HTTP " + status,
                "The link may have expired: export the render again.", null, status, null);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the failure being reported matters more than a leftover partial file
        }
    }
}
