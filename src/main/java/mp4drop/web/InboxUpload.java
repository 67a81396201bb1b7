package mp4drop.web;

import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mp4drop.outbox.FreeName;
import mp4drop.report.HumanReadable;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A video sent by the web page, streamed into the inbox (or a subfolder of it) under a hidden temporary
 * name and given its real name only when it is complete and on the disk: the inbox never sees half a file.
 * The name, the extension and the size limit are checked before the first byte is written, and the size
 * again while the bytes arrive; whatever is refused or broken off leaves nothing behind.
 */
public final class InboxUpload {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");
    static final String TEMP_PREFIX = ".upload-";
    static final String TEMP_SUFFIX = ".part";
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_FOLDER_DEPTH = 8;

    private final Path inbox;
    private final List<String> extensions;
    private final long maxFileSize;
    private final UploadPace pace;

    InboxUpload(Path inbox, List<String> extensions, long maxFileSize, UploadPace pace) {
        this.inbox = inbox.toAbsolutePath().normalize();
        this.extensions = extensions.stream().map(ext -> ext.toLowerCase(Locale.ROOT)).toList();
        this.maxFileSize = maxFileSize;
        this.pace = pace;
    }

    /** Uploads cut off by a stop or a crash: at start-up none of them can still be under way. */
    public void removeLeftovers() throws IOException {
        if (!Files.isDirectory(inbox)) {
            return;
        }
        try (var walk = Files.walk(inbox)) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX) && Files.isRegularFile(file)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** POST /api/upload?name=clip.avi&folder=holidays with the video as the raw body. */
    public void receive(Exchange exchange) throws IOException {
        HttpServerRequest request = WebAccess.request(exchange);
        Path placed = store(request);
        String file = SafeNames.relative(inbox, placed);
        WebAnswer.json(exchange.getMessage(), 201, Map.of("file", file, "size", Files.size(placed)));
    }

    private Path store(HttpServerRequest request) throws IOException {
        String name = SafeNames.name(request.getParam("name"));
        checkExtension(name);
        String folderParam = request.getParam("folder");
        String relativeFolder = folderParam == null ? "" : folderParam;
        if (relativeFolder.split("/", -1).length > MAX_FOLDER_DEPTH) {
            throw new WebRefusal(400, "The folder is too deep: at most " + MAX_FOLDER_DEPTH + " folders.");
        }
        Path folder = SafeNames.inside(inbox, relativeFolder);
        String declared = request.getHeader("Content-Length");
        long expected = maxFileSize;
        if (declared != null && declared.matches("\\d{1,18}")) {
            expected = Long.parseLong(declared);
            checkSize(name, expected);
            checkRoom(folder, name, expected);
        }
        CreatedFolders created = null;
        Path temp = null;
        try (InputStream body = new RequestBody(request, pace, expected)) {
            byte[] buffer = new byte[BUFFER];
            int read = body.read(buffer);
            if (read < 0) {
                throw new WebRefusal(400, name + " is empty.");
            }
            // only an upload that brings bytes gets its folders
            created = CreatedFolders.make(folder);
            temp = Files.createTempFile(folder, TEMP_PREFIX, TEMP_SUFFIX);
            long size;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                size = copy(name, buffer, read, body, channel);
                channel.force(true);
            }
            Path placed = FreeName.moveTo(temp, folder, name);
            created = null;
            LOG.info("{}: received from the web page ({})", SafeNames.relative(inbox, placed),
                    HumanReadable.size(size));
            return placed;
        } catch (RequestBody.TooSlow slow) {
            LOG.info("{}: the upload from the web page was too slow ({}); nothing kept", name, slow.getMessage());
            throw new WebRefusal(408, "The upload of " + name + " was too slow (" + slow.getMessage()
                    + "); nothing was kept.");
        } catch (RequestBody.BrokenOff broken) {
            LOG.info("{}: the upload from the web page broke off ({}); nothing kept", name, broken.getMessage());
            throw new WebRefusal(400, "The upload of " + name + " broke off; nothing was kept.");
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
            if (created != null) {
                created.removeIfEmpty();
            }
        }
    }

    private long copy(String name, byte[] buffer, int first, InputStream body, FileChannel channel)
            throws IOException {
        long size = 0;
        for (int read = first; read >= 0; read = body.read(buffer)) {
            size += read;
            checkSize(name, size);
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
            while (chunk.hasRemaining()) {
                channel.write(chunk);
            }
        }
        return size;
    }

    // before the first byte: a declared size the inbox disk cannot hold is refused, not half stored
    private static void checkRoom(Path folder, String name, long size) throws IOException {
        Path existing = folder;
        while (!Files.isDirectory(existing) && existing.getParent() != null) {
            existing = existing.getParent();
        }
        long free = Files.getFileStore(existing).getUsableSpace();
        if (size > free) {
            throw new WebRefusal(507, name + " (" + HumanReadable.size(size) + ") does not fit on the inbox disk: "
                    + HumanReadable.size(free) + " free.");
        }
    }

    private void checkExtension(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        if (!extensions.contains(extension)) {
            throw new WebRefusal(415, name + " is not a video mp4drop takes: the inbox takes "
                    + String.join(", ", extensions) + ".");
        }
    }

    private void checkSize(String name, long size) {
        if (size > maxFileSize) {
            throw new WebRefusal(413, name + " is larger than " + HumanReadable.size(maxFileSize)
                    + ", the largest file mp4drop takes (mp4drop.max-file-size).");
        }
    }

    /** The inbox subfolders the page offers, relative, visible ones only. */
    public List<String> folders() throws IOException {
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        try (var walk = Files.walk(inbox, 3)) {
            return walk.filter(Files::isDirectory)
                    .filter(dir -> !dir.equals(inbox) && !Files.isSymbolicLink(dir) && DoneVideos.visible(inbox.relativize(dir)))
                    .map(dir -> SafeNames.relative(inbox, dir))
                    .sorted()
                    .toList();
        }
    }
}
