package mp4drop.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import mp4drop.failure.ConversionFailure;
import mp4drop.job.JsonMapping;
import mp4drop.job.DvdTitle;
import mp4drop.job.Sidecar;
import mp4drop.outbox.FreeName;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failed folder as the page shows it: each original with the reason and hint of its
 * {@code <name>.error.json}, and "try again", which puts the original (with its sidecar) back into the
 * inbox folder it came from.
 */
public final class FailedFiles {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");
    private static final int MOST = 500;

    private final Path failed;
    private final Path inbox;
    private final Clock clock;

    public FailedFiles(Path failed, Path inbox, Clock clock) {
        this.failed = failed.toAbsolutePath().normalize();
        this.inbox = inbox.toAbsolutePath().normalize();
        this.clock = clock;
    }

    /** What the page shows of one failed file: links in messages are left out. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FailedFile(String file, String name, String stage, String code, String message, String hint,
            String failedAt) {
    }

    /** Newest first. */
    public List<FailedFile> list() throws IOException {
        if (!Files.isDirectory(failed)) {
            return List.of();
        }
        List<FailedFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(failed)) {
            for (Path error : (Iterable<Path>) walk::iterator) {
                String name = error.getFileName().toString();
                Path original = error.resolveSibling(
                        name.substring(0, Math.max(0, name.length() - ConversionFailure.ERROR_FILE_SUFFIX.length())));
                if (name.endsWith(ConversionFailure.ERROR_FILE_SUFFIX)
                        && Files.isRegularFile(original, LinkOption.NOFOLLOW_LINKS)
                        && DoneVideos.visible(failed.relativize(original))) {
                    read(error, original).ifPresent(files::add);
                }
            }
        }
        files.sort(Comparator.comparing(FailedFile::failedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(FailedFile::file));
        return files.size() > MOST ? List.copyOf(files.subList(0, MOST)) : files;
    }

    private Optional<FailedFile> read(Path error, Path original) {
        try {
            JsonNode report;
            // opened without following a link: a link swapped in after the walk is refused by the open itself
            try (InputStream in = Files.newInputStream(error, LinkOption.NOFOLLOW_LINKS)) {
                report = JsonMapping.MAPPER.readTree(in);
            }
            return Optional.of(new FailedFile(SafeNames.relative(failed, original),
                    original.getFileName().toString(), text(report, "stage"), text(report, "code"),
                    withoutLinks(text(report, "message")), withoutLinks(text(report, "hint")),
                    text(report, "failed_at")));
        } catch (IOException unreadable) {
            // an error file being written or damaged: the file shows up once it reads
            return Optional.empty();
        }
    }

    /** POST /api/retry?file=holidays/clip.avi */
    public void retry(Exchange exchange) throws IOException {
        String relative = WebAccess.request(exchange).getParam("file");
        Path original = SafeNames.inside(failed, relative);
        Path error = original.resolveSibling(
                FreeName.fit(original.getFileName().toString(), ConversionFailure.ERROR_FILE_SUFFIX));
        if (!Files.isRegularFile(original, LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(error, LinkOption.NOFOLLOW_LINKS)) {
            throw new WebRefusal(404, "There is no such failed file.");
        }
        Path folder = SafeNames.inside(inbox, SafeNames.relative(failed, original.getParent()).replace("\\", "/"));
        Files.createDirectories(folder);
        // a DVD title's later parts go back first: the inbox takes a title by its first part, with all its parts
        for (Path part : DvdTitle.startingAt(original).map(DvdTitle::laterParts).orElse(List.of())) {
            Path back = folder.resolve(part.getFileName());
            if (Files.notExists(back, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(part, back);
                Files.setLastModifiedTime(back, FileTime.from(clock.instant()));
            }
        }
        // a hidden name first, then a fresh modification time: the inbox takes a file only once it is older
        // than the stable time, and by then its sidecar is beside it
        Path staged = folder.resolve(".retry-" + UUID.randomUUID() + ".part");
        Files.move(original, staged);
        Files.setLastModifiedTime(staged, FileTime.from(clock.instant()));
        Path placed = FreeName.moveTo(staged, folder, original.getFileName().toString());
        Path sidecar = Sidecar.of(original);
        if (Files.isRegularFile(sidecar, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(sidecar, Sidecar.of(placed));
        }
        Files.deleteIfExists(error);
        String back = SafeNames.relative(inbox, placed);
        LOG.info("{}: back in the inbox from the web page, to be tried again", back);
        WebAnswer.json(exchange.getMessage(), 200, Map.of("file", back));
    }

    private static String text(JsonNode report, String field) {
        JsonNode value = report.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String withoutLinks(String text) {
        return text == null ? null : text.replaceAll("(?i)\\b(https?|s3|gs)://\\S+", "(link)");
    }
}
