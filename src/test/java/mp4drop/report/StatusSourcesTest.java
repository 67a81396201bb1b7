package mp4drop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import mp4drop.job.FileInstructions;
import mp4drop.job.Job;
import mp4drop.job.FileJobStore;
import mp4drop.job.JobStore;
import mp4drop.job.Jobs;
import mp4drop.job.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusSourcesTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheRecordsJobStoreWritesAndSkipsItsTemporaryFiles() throws IOException {
        JobStore store = new FileJobStore(tmp.resolve("state"), Clock.systemUTC());
        Job job = store.create(tmp.resolve("inbox/a.avi"), 10, "sha",
                new FileInstructions("nemo", "Convert", "default", Path.of(""))).orElseThrow();
        Jobs.renderSubmitted(job, "r-1").renderPolled(40);
        store.save(job);
        Files.writeString(tmp.resolve("state/jobs/.x.json.tmp"), "{half");

        assertThat(StatusSources.jobs(tmp.resolve("state")))
                .singleElement()
                .satisfies(read -> {
                    assertThat(read.getStage()).isEqualTo(Stage.RENDERING);
                    assertThat(read.getProgress()).isEqualTo(40);
                    assertThat(read.getCreatedAt()).isEqualTo(job.getCreatedAt());
                });
    }

    @Test
    void aDamagedRecordIsNamed() throws IOException {
        Path jobs = Files.createDirectories(tmp.resolve("state/jobs"));
        Files.writeString(jobs.resolve("broken.json"), "{");

        assertThatThrownBy(() -> StatusSources.jobs(tmp.resolve("state"))).hasMessageContaining("broken.json");
    }

    @Test
    void missingFoldersReadAsEmptyAndAreNotCreated() throws IOException {
        assertThat(StatusSources.jobs(tmp.resolve("state"))).isEmpty();
        assertThat(StatusSources.inboxFiles(tmp.resolve("inbox"))).isEmpty();
        assertThat(tmp.resolve("state")).doesNotExist();
    }

    @Test
    void listsInboxFilesInSubfoldersButNotInHiddenFoldersNorThroughLinks() throws IOException {
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        Files.createDirectories(inbox.resolve("holidays"));
        Files.createDirectories(inbox.resolve(".cache"));
        Files.writeString(inbox.resolve("a.avi"), "v");
        Files.writeString(inbox.resolve("holidays/b.mov"), "v");
        Files.writeString(inbox.resolve(".cache/c.avi"), "v");
        Files.writeString(tmp.resolve("elsewhere.avi"), "v");
        Files.createSymbolicLink(inbox.resolve("link.avi"), tmp.resolve("elsewhere.avi"));

        assertThat(StatusSources.inboxFiles(inbox))
                .containsExactlyInAnyOrder(inbox.resolve("a.avi"), inbox.resolve("holidays/b.mov"));
    }
}
