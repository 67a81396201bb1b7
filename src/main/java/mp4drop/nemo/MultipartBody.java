package mp4drop.nemo;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A multipart/form-data body with one file part, streamed from disk. The publishers all know their length,
 * so the request goes out with a Content-Length and the file is never held in memory.
 */
final class MultipartBody {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("mp4", "video/mp4"), Map.entry("mov", "video/quicktime"), Map.entry("avi", "video/x-msvideo"),
            Map.entry("webm", "video/webm"), Map.entry("mkv", "video/x-matroska"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"), Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"), Map.entry("mp3", "audio/mpeg"), Map.entry("wav", "audio/wav"),
            Map.entry("m4a", "audio/mp4"), Map.entry("aac", "audio/aac"));

    final String boundary = "mp4drop-" + UUID.randomUUID().toString().replace("-", "");

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** @param name the file name the server is told, which may differ from the file's own */
    HttpRequest.BodyPublisher filePart(String partName, Path file, String name) throws FileNotFoundException {
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + partName + "\"; filename=\"" + quotedFilename(name)
                + "\"\r\n"
                + "Content-Type: " + mediaType(name) + "\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        return HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                HttpRequest.BodyPublishers.ofFile(file),
                HttpRequest.BodyPublishers.ofString(tail, StandardCharsets.UTF_8));
    }

    /**
     * The filename as browsers send it (HTML form encoding): UTF-8 kept, and the three characters that
     * could end the header or the quoted string percent-encoded. Other control characters cannot be in
     * a header at all, so they become '_'.
     */
    static String quotedFilename(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("%22");
                case '\r' -> out.append("%0D");
                case '\n' -> out.append("%0A");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        out.append('_');
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }

    static String mediaType(String filename) {
        int dot = filename.lastIndexOf('.');
        String ext = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }
}
