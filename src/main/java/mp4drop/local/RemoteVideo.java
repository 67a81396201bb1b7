package mp4drop.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mp4drop.failure.ConversionFailure;
import mp4drop.job.Link;
import mp4drop.report.HumanReadable;

/**
 * The video behind a link file. FFmpeg probes the address itself, reading only what the container's headers
 * need; the local engine then downloads it whole into a hidden file of the state folder, streamed, under a size
 * limit and a stall timeout. Every message names the address only as {@link Link#shown()}.
 */
public final class RemoteVideo {
    private static final int MAX_REDIRECTS = 5;
    private static final String OPEN_IT = "Open the address in a browser: the link may have expired, need a login, "
            + "or lead to a web page rather than to the video file itself. Fix the link, then drop it in again.";
    private static final Pattern BITRATE = Pattern.compile("Duration: .*, bitrate: (\\d+) kb/s");
    private static final List<String> NO_ANSWER = List.of("Server returned", "Connection refused", "timed out",
            "Failed to resolve", "Name or service not known", "No route to host", "Connection reset");

    private final Supplier<FfmpegRun> run;
    private final ScratchFolder downloads;
    private final long maxBytes;
    private final Duration stallTimeout;

    /** @param run FFmpeg, once start-up has found it */
    public RemoteVideo(Supplier<FfmpegRun> run, ScratchFolder downloads, long maxBytes, Duration stallTimeout) {
        this.run = run;
        this.downloads = downloads;
        this.maxBytes = maxBytes;
        this.stallTimeout = stallTimeout;
    }

    /** What FFmpeg finds at the address, and the size its answer announced (0 when it told none). */
    public record Found(MediaInfo media, long estimatedBytes) {
    }

    /**
     * @param linkFile the link file's name, for messages
     * @throws ConversionFailure {@code link-unreachable} when the address does not answer with content,
     *                           {@code not-a-video} when what it answers is not a video FFmpeg reads
     */
    public Found probe(Link link, String linkFile) {
        // the whitelist keeps a redirect from leading FFmpeg to a local file or another protocol
        List<String> lines = run.get().capture(List.of("-hide_banner", "-nostdin", "-protocol_whitelist", "http,https,tcp,tls",
                "-rw_timeout", String.valueOf(stallTimeout.toNanos() / 1000), "-i", link.uri().toString()),
                MediaProbe.TIME_LIMIT).stderr().stream().map(link::redact).toList();
        String text = String.join("\n", lines);
        MediaInfo media;
        try {
            media = ProbeOutputParser.parse(link.shown(), text);
        } catch (ConversionFailure failure) {
            if (NO_ANSWER.stream().anyMatch(text::contains)) {
                throw new ConversionFailure("local", "link-unreachable", linkFile + ": the link " + link.shown()
                        + " does not answer with a video" + ProbeOutputParser.reason(lines) + ".", OPEN_IT,
                        failure.details(), null);
            }
            throw new ConversionFailure("local", failure.code(), linkFile + ": " + failure.getMessage(),
                    OPEN_IT, failure.details(), null);
        }
        Matcher bitrate = BITRATE.matcher(text);
        long estimated = bitrate.find() ? (long) (Long.parseLong(bitrate.group(1)) * 1000 / 8.0
                * media.durationSeconds()) : 0;
        return new Found(media, estimated);
    }

    /**
     * Streams the video into a hidden file of the downloads folder and returns it; the caller deletes it when
     * done. A failed download leaves nothing behind.
     *
     * @throws ConversionFailure {@code link-unreachable}, {@code link-stalled} or {@code link-too-large}
     */
    public Path download(Link link, String linkFile, String jobId) throws IOException {
        Path target = downloads.file(jobId + ".download");
        try {
            fetch(link, linkFile, target);
            return target;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
    }

    private void fetch(Link link, String linkFile, Path target) throws IOException {
        Link hop = link;
        for (int redirects = 0; ; redirects++) {
            HttpURLConnection connection = (HttpURLConnection) hop.uri().toURL().openConnection();
            // the read timeout is the stall timeout: no read may wait longer for a byte
            connection.setConnectTimeout((int) stallTimeout.toMillis());
            connection.setReadTimeout((int) stallTimeout.toMillis());
            connection.setInstanceFollowRedirects(false);
            try {
                int status = connection.getResponseCode();
                String location = connection.getHeaderField("Location");
                if (status >= 300 && status < 400 && location != null && redirects < MAX_REDIRECTS) {
                    hop = nextHop(hop, location, link, linkFile);
                    continue;
                }
                if (status < 200 || status >= 300) {
                    throw unreachable(link, linkFile, "HTTP " + status);
                }
                long declared = connection.getContentLengthLong();
                if (declared > maxBytes) {
                    throw tooLarge(link, linkFile);
                }
                try (InputStream in = connection.getInputStream()) {
                    copy(in, target, link, linkFile);
                }
                return;
            } catch (SocketTimeoutException stalled) {
                throw new ConversionFailure("local", "link-stalled", linkFile + ": the download from " + link.shown()
                        + " received nothing for " + HumanReadable.duration(stallTimeout) + ".",
                        "The server is slow or stuck: drop the link in again later, or raise "
                                + "mp4drop.links.stall-timeout.");
            } catch (IOException e) {
                throw unreachable(link, linkFile, e.getClass().getSimpleName());
            } finally {
                connection.disconnect();
            }
        }
    }

    private void copy(InputStream in, Path target, Link link, String linkFile) throws IOException {
        long written = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                written += n;
                if (written > maxBytes) {
                    throw tooLarge(link, linkFile);
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private static Link nextHop(Link from, String location, Link link, String linkFile) {
        try {
            return Link.of(from.uri().resolve(location.trim()).toString());
        } catch (IllegalArgumentException notHttp) {
            throw unreachable(link, linkFile, "redirected elsewhere: " + notHttp.getMessage());
        }
    }

    private static ConversionFailure unreachable(Link link, String linkFile, String why) {
        return new ConversionFailure("local", "link-unreachable", linkFile + ": the link " + link.shown()
                + " does not answer with a video (" + why + ").", OPEN_IT);
    }

    private ConversionFailure tooLarge(Link link, String linkFile) {
        return new ConversionFailure("local", "link-too-large", linkFile + ": the video at " + link.shown()
                + " is larger than " + HumanReadable.size(maxBytes) + ".",
                "Raise mp4drop.links.max-size if this video is expected to be that big.");
    }
}
