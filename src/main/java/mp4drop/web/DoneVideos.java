package mp4drop.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.Exchange;

/**
 * The finished MP4s of the outbox, newest first, and the video itself for the page's player and its
 * download link. Only visible MP4s inside the outbox are ever served; originals (archive, failed) never.
 */
public final class DoneVideos {
    private static final int MOST = 500;

    private final Path outbox;

    public DoneVideos(Path outbox) {
        this.outbox = outbox.toAbsolutePath().normalize();
    }

    /** What the page shows of one finished video. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DoneVideo(String file, String name, long size, Instant finishedAt, String url, String download) {
    }

    public List<DoneVideo> list() throws IOException {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        List<DoneVideo> videos = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(outbox)) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes attributes = attributes(file);
                if (attributes != null && attributes.isRegularFile() && servable(file)) {
                    String relative = SafeNames.relative(outbox, file);
                    String url = url(relative);
                    videos.add(new DoneVideo(relative, file.getFileName().toString(), attributes.size(),
                            publishedAt(file, attributes), url, url + "&download=1"));
                }
            }
        }
        videos.sort(Comparator.comparing(DoneVideo::finishedAt).reversed().thenComparing(DoneVideo::file));
        return videos.size() > MOST ? List.copyOf(videos.subList(0, MOST)) : videos;
    }

    /** The player's address of a finished MP4, when it is one the outbox serves. */
    public Optional<String> urlFor(Path output) {
        Path file = output.toAbsolutePath().normalize();
        if (!file.startsWith(outbox) || !servable(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(url(SafeNames.relative(outbox, file)));
    }

    private static String url(String relative) {
        return "/video?file=" + URLEncoder.encode(relative, StandardCharsets.UTF_8);
    }

    /** GET /video?file=holidays/clip.mp4[&download=1], with HTTP ranges so that the player can seek. */
    public void serve(Exchange exchange) throws IOException {
        HttpServerRequest request = WebAccess.request(exchange);
        Path file = SafeNames.inside(outbox, request.getParam("file"));
        FileChannel channel = servable(file) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? video(file) : null;
        if (channel == null) {
            throw new WebRefusal(404, "There is no such video in the outbox.");
        }
        try {
            long size = channel.size();
            Optional<ByteRange> range = ByteRange.of(request.getHeader("Range"), size);
            Map<String, String> headers = new HashMap<>();
            headers.put("Accept-Ranges", "bytes");
            if (request.getParam("download") != null) {
                String name = file.getFileName().toString();
                headers.put("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9 ._()-]", "_")
                        + "\"; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
            }
            ByteRange part = range.orElse(new ByteRange(0, size - 1));
            range.ifPresent(r -> headers.put("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + size));
            if (size == 0) {
                channel.close();
            }
            WebAnswer.send(exchange.getMessage(), range.isPresent() ? 206 : 200, "video/mp4",
                    size == 0 ? "" : new FileRange(channel, part.first(), part.length()), headers);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    // null when it cannot be opened as itself (gone, or a symbolic link swapped in after the check)
    private static FileChannel video(Path file) {
        try {
            return FileRange.open(file);
        } catch (IOException notAFile) {
            return null;
        }
    }

    // hidden files are mp4drop's own: downloads and encodes not yet checked and published
    private boolean servable(Path file) {
        Path relative = outbox.relativize(file.toAbsolutePath().normalize());
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mp4") && visible(relative);
    }

    static boolean visible(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    /**
     * When the MP4 reached the outbox. Its modification time is the recording date it carries, so the time of
     * its last status change (the rename that published it) is read where the file system keeps one.
     */
    private static Instant publishedAt(Path file, BasicFileAttributes attributes) {
        try {
            return ((FileTime) Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS)).toInstant();
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException noSuchTime) {
            return attributes.lastModifiedTime().toInstant();
        }
    }

    private static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException vanished) {
            return null;
        }
    }
}
