package mp4drop.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import mp4drop.failure.ConversionFailure;
import mp4drop.local.LocalPlan.Quality;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LocalInstructionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Convert this video to MP4 at 1080p without losing quality      | 1080 | VISUALLY_LOSSLESS
            convert to mp4                                                 | 1080 | VISUALLY_LOSSLESS
            Convert to MP4 at 480p                                         | 480  | VISUALLY_LOSSLESS
            720p please, high quality                                      | 720  | VISUALLY_LOSSLESS
            Make these old camcorder tapes into 1440p MP4 files, lossless  | 1440 | VISUALLY_LOSSLESS
            Convert my family videos to 4K                                 | 2160 | VISUALLY_LOSSLESS
            2160p mp4                                                      | 2160 | VISUALLY_LOSSLESS
            Convert to MP4 at 720p, smaller file                           | 720  | SMALLER
            compress this video for sharing                                | 1080 | SMALLER
            Turn it into a small file at 480p                              | 480  | SMALLER
            Convert to H.264 MP4, keep the original quality                | 1080 | VISUALLY_LOSSLESS
            I'd like a shareable mp4                                       | 1080 | VISUALLY_LOSSLESS
            """)
    void plainConversions(String instruction, int height, Quality quality) {
        LocalPlan plan = LocalInstruction.parse(instruction);
        assertThat(plan.targetHeight()).isEqualTo(height);
        assertThat(plan.quality()).isEqualTo(quality);
        assertThat(plan.instruction()).isEqualTo(instruction.trim());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = "   ")
    void noInstructionMeansTheDefault(String instruction) {
        LocalPlan plan = LocalInstruction.parse(instruction);
        assertThat(plan.instruction()).isEqualTo(LocalInstruction.DEFAULT);
        assertThat(plan.targetHeight()).isEqualTo(1080);
        assertThat(plan.quality()).isEqualTo(Quality.VISUALLY_LOSSLESS);
        assertThat(plan.quality().crf()).isEqualTo(18);
        assertThat(plan.quality().preset()).isEqualTo("slow");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Convert to MP4 and add background music                 | music
            Add a soundtrack                                         | music
            Convert to MP4 with a title at the start                 | titles or text overlays
            Add subtitles                                            | subtitles or captions
            put captions on it                                       | subtitles or captions
            Add a text overlay saying Happy Birthday                 | titles or text overlays
            Convert with smooth transitions between clips            | transitions
            make it cinematic                                        | effects or filters
            Apply a vintage filter                                   | effects or filters
            remove background                                        | background or object removal
            Trim the first minute                                    | AI edits
            make it look like a 90s music video                      | music
            convert to mp4 and make grandpa wave                     | "grandpa", "wave"
            """)
    void editsNeedTheCloud(String instruction, String named) {
        assertThatThrownBy(() -> LocalInstruction.parse(instruction))
                .isInstanceOfSatisfying(ConversionFailure.class, failure -> {
                    assertThat(failure.stage()).isEqualTo("local");
                    assertThat(failure.code()).isEqualTo("needs-cloud");
                    assertThat(failure.getMessage()).contains(instruction).contains(named);
                    assertThat(failure.hint()).contains("NEMO_TOKEN").contains("mp4drop.engine=nemo");
                });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Convert to 720p or 1080p", "Make it smaller without losing quality"})
    void contradictionsAreUnclear(String instruction) {
        assertThatThrownBy(() -> LocalInstruction.parse(instruction))
                .isInstanceOfSatisfying(ConversionFailure.class,
                        failure -> assertThat(failure.code()).isEqualTo("unclear-instruction"));
    }
}
