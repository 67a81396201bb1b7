package mp4drop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The done list is newest first by when a video reached the outbox, not by the recording date it carries. */
class DoneVideosTest {
    @TempDir
    Path outbox;

    @Test
    void aVideoFilmedLongAgoButJustPublishedComesFirst() throws Exception {
        Path earlier = Files.writeString(outbox.resolve("earlier.mp4"), "x");
        Files.setLastModifiedTime(earlier, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Path scratch = Files.createDirectories(outbox.resolve(".part"));
        Path tape = Files.writeString(scratch.resolve("tape.mp4"), "x");
        Files.setLastModifiedTime(tape, FileTime.from(Instant.parse("2003-06-14T10:20:30Z")));
        Files.move(tape, outbox.resolve("tape.mp4"));

        assertThat(new DoneVideos(outbox).list()).extracting(DoneVideos.DoneVideo::name)
                .containsExactly("tape.mp4", "earlier.mp4");
    }
}
