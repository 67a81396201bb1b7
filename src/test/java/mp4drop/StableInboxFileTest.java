package mp4drop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file whose modification time already proves it has been left alone for the stable time is taken at the
 * inbox's first look, without waiting that time again; a file changed more recently waits for it. With a stable
 * time of an hour, only the first can be taken during a run of seconds, whichever comes first by name.
 */
class StableInboxFileTest {
    @TempDir
    Path root;

    @Test
    void anOldFileIsTakenAtOnceAndAFreshOneStillWaits() throws Exception {
        Pipeline pipeline = new Pipeline(root).set("mp4drop.engine", "local").set("mp4drop.inbox.stable-time", "1h")
                .set("mp4drop.instruction", "Convert this video to MP4 at 480p, smaller file");
        Files.createDirectories(pipeline.inbox);
        Path fresh = Files.write(pipeline.inbox.resolve("a copying.avi"), TestVideos.video(1));
        Path old = Files.write(pipeline.inbox.resolve("b copied last year.avi"), TestVideos.video(2));
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        List<String> log;
        try (CapturedLog captured = new CapturedLog()) {
            pipeline.runWatching(Duration.ofSeconds(4));
            log = captured.events().stream().map(event -> event.getMessage().getFormattedMessage()).toList();
        }

        assertThat(log).anyMatch(line -> line.startsWith("b copied last year.avi: taken from the inbox"));
        assertThat(log).noneMatch(line -> line.startsWith("a copying.avi"));
        assertThat(fresh).exists();
    }
}
