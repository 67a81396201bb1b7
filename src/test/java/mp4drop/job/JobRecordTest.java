package mp4drop.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A job's record stays readable across versions, and the job changes only through its steps, in their order. */
class JobRecordTest {
    /** Written by the mp4drop before jobs changed through named steps (public fields), with every field set. */
    private static final String RECORD_BEFORE_NAMED_STEPS = "/job/record-before-named-steps.json";

    @Test
    void aRecordWrittenByThePreviousVersionLoadsWithEveryField() throws IOException {
        Job job = JsonMapping.MAPPER.readValue(recordBefore(), Job.class);

        assertThat(job.getId()).isEqualTo("20261204-184500-3f2a9c1e");
        assertThat(job.getSource()).isEqualTo("/srv/videos/inbox/trips/Holiday 2004/VIDEO_TS/VTS_01_1.VOB");
        assertThat(job.getName()).isEqualTo("VTS_01_1.VOB");
        assertThat(job.getFolder()).isEqualTo("trips/Holiday 2004");
        assertThat(job.getSettingsReason()).isEqualTo("the folder's mp4drop.properties");
        assertThat(job.getSize()).isEqualTo(1073741824L);
        assertThat(job.getLink()).isEqualTo("https://videos.example.org/clip.mp4?sig=abc");
        assertThat(job.getSha256()).isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        assertThat(job.getEngine()).isEqualTo("local");
        assertThat(job.getFallback()).isEqualTo("export-refused");
        assertThat(job.getFallbackReason()).isEqualTo("NemoVideo's plan refused the export (402)");
        assertThat(job.isCreditsReserved()).isTrue();
        assertThat(job.getMedia()).satisfies(media -> {
            assertThat(media.durationSeconds).isEqualTo(12.5);
            assertThat(media.width).isEqualTo(720);
            assertThat(media.height).isEqualTo(576);
            assertThat(media.frameRate).isEqualTo(25.0);
            assertThat(media.interlaced).isTrue();
            assertThat(media.audio).isEqualTo("ac3");
            assertThat(media.videoCodec).isEqualTo("mpeg2video");
            assertThat(media.rotation).isEqualTo(90);
            assertThat(media.shownAspect).isEqualTo(1.7777777777777777);
            assertThat(media.recordedAt).isEqualTo(Instant.parse("2004-07-14T10:21:07Z"));
            assertThat(media.recordedFrom).isEqualTo("the DV frames' recording date");
            assertThat(media.container).isEqualTo("mpeg");
        });
        assertThat(job.getInstruction()).isEqualTo("Convert this video to MP4 at 1080p without losing quality");
        assertThat(job.getStage()).isEqualTo(Stage.FAILED);
        assertThat(job.getTaskId()).isEqualTo("task_1");
        assertThat(job.getSessionId()).isEqualTo("sess_1");
        assertThat(job.getMediaUrl()).isEqualTo("https://cdn.example.org/media/1");
        assertThat(job.getAgentText()).isEqualTo("Converting your video to 1080p MP4.");
        assertThat(job.isInstructionAnswered()).isTrue();
        assertThat(job.getDraft().at("/timeline/clips/0/duration").asDouble()).isEqualTo(12.5);
        assertThat(job.getStateFingerprint()).isEqualTo("d41d8cd9");
        assertThat(job.getRenderId()).isEqualTo("render_1");
        assertThat(job.getOutputUrl()).isEqualTo("https://cdn.example.org/out/1.mp4");
        assertThat(job.getTempOutput()).isEqualTo("/srv/videos/.mp4drop/tmp/VTS_01_1.part");
        assertThat(job.getOutput()).isEqualTo("/srv/videos/outbox/trips/Holiday 2004.mp4");
        assertThat(job.getDvdTitle()).isEqualTo("trips/Holiday 2004");
        assertThat(job.getOriginalMovedTo())
                .isEqualTo("/srv/videos/failed/trips/Holiday 2004/VIDEO_TS/VTS_01_1.VOB");
        assertThat(job.getDuplicateOf()).isEqualTo("/srv/videos/outbox/trips/Holiday 2003.mp4");
        assertThat(job.getFailureCode()).isEqualTo("bad-render");
        assertThat(job.getFailureMessage()).isEqualTo("The render from the cloud is not right.");
        assertThat(job.getStateChecks()).isEqualTo(3);
        assertThat(job.getUnchangedStateChecks()).isEqualTo(1);
        assertThat(job.getRenderSubmissions()).isEqualTo(2);
        assertThat(job.getRenderPolls()).isEqualTo(7);
        assertThat(job.getTransientErrors()).isEqualTo(4);
        assertThat(job.getRateLimitRetries()).isEqualTo(5);
        assertThat(job.getSessionRestarts()).isEqualTo(6);
        assertThat(job.getProgress()).isEqualTo(42);
        assertThat(job.getCreatedAt()).isEqualTo(Instant.parse("2026-12-04T18:45:00Z"));
        assertThat(job.getUpdatedAt()).isEqualTo(Instant.parse("2026-12-04T18:47:30.125Z"));
        assertThat(job.getNextCheckAt()).isEqualTo(Instant.parse("2026-12-04T18:48:00Z"));
        assertThat(job.getTimedStage()).isEqualTo(Stage.RENDERING);
        assertThat(job.getTimedSince()).isEqualTo(Instant.parse("2026-12-04T18:46:10Z"));
    }

    @Test
    void aRecordIsWrittenBackExactlyAsThePreviousVersionWroteIt() throws IOException {
        String before = recordBefore();

        Job job = JsonMapping.MAPPER.readValue(before, Job.class);

        assertThat(JsonMapping.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(job)).isEqualTo(before);
    }

    @Test
    void aNewJobIsWrittenWithTheFieldsThePreviousVersionWroteForIt() throws IOException {
        Job job = NewJob.of(Path.of("/inbox/clip.avi"), 10, "sha", new FileInstructions("nemo", "Convert", "default",
                Path.of("")), Instant.parse("2026-12-04T18:45:00Z"));

        assertThat(JsonMapping.MAPPER.readTree(JsonMapping.MAPPER.writeValueAsString(job)).fieldNames())
                .toIterable().containsExactly("id", "source", "name", "folder", "settingsReason", "size", "sha256",
                        "engine", "creditsReserved", "instruction", "stage", "instructionAnswered", "stateChecks",
                        "unchangedStateChecks", "renderSubmissions", "renderPolls", "transientErrors",
                        "rateLimitRetries", "sessionRestarts", "progress", "createdAt", "nextCheckAt");
    }

    @Test
    void aStepOutOfOrderNamesTheStageTheJobIsAtAndTheOneItNeeds() {
        Job job = Jobs.job("clip.avi", Stage.NEW);

        assertThatThrownBy(job::renderSubmitted).isInstanceOf(IllegalStateException.class)
                .hasMessage("clip.avi: \"render submitted\" comes after [DRAFT_READY], but the job is at NEW");
        assertThat(job.getStage()).isEqualTo(Stage.NEW);
    }

    @Test
    void theCloudsStepsTakeAJobFromNewToPublished() {
        Job job = Jobs.renderSubmitted(Jobs.job("clip.avi", Stage.NEW), "r-1");
        job.renderPolled(60);
        job.renderFinished("https://cdn.example/r-1.mp4");
        job.downloading(Path.of("/outbox/.clip.mp4.part"));
        job.downloaded();
        job.publishingAs(Path.of("/outbox/clip.mp4"));
        job.tempOutputGone();
        job.published();

        assertThat(job.getStage()).isEqualTo(Stage.DONE);
        assertThat(job.getOutput()).isEqualTo("/outbox/clip.mp4");
        assertThat(job.getRenderSubmissions()).isEqualTo(1);
        assertThat(job.getProgress()).isEqualTo(60);
        assertThatThrownBy(() -> job.failed("late", "too late")).isInstanceOf(IllegalStateException.class)
                .hasMessage("clip.avi: \"failed\" cannot take the job from DONE to FAILED");
    }

    private static String recordBefore() throws IOException {
        try (InputStream in = JobRecordTest.class.getResourceAsStream(RECORD_BEFORE_NAMED_STEPS)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
