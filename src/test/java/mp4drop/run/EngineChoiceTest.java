package mp4drop.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import mp4drop.failure.InvalidSetting;
import org.junit.jupiter.api.Test;

class EngineChoiceTest {
    @Test
    void autoTakesTheCloudWithAUserTokenWithoutProbing() {
        EngineChoice choice = EngineChoice.decide("auto", true, "api.example", () -> {
            throw new AssertionError("no probe needed");
        });

        assertThat(choice.engine()).isEqualTo("nemo");
        assertThat(choice.reason()).contains("NEMO_TOKEN");
    }

    @Test
    void autoTakesTheCloudWhenTheApiAnswersElseLocal() {
        assertThat(EngineChoice.decide("auto", false, "api.example", () -> true).engine()).isEqualTo("nemo");
        EngineChoice offline = EngineChoice.decide("auto", false, "api.example", () -> false);
        assertThat(offline.engine()).isEqualTo("local");
        assertThat(offline.reason()).contains("does not answer");
    }

    @Test
    void anExplicitCloudThatDoesNotAnswerIsAStartUpError() {
        assertThatThrownBy(() -> EngineChoice.decide("nemo", true, "api.example", () -> false))
                .isInstanceOf(InvalidSetting.class).hasMessageContaining("does not answer");
    }

    @Test
    void anUnknownEngineNamesTheSetting() {
        assertThatThrownBy(() -> EngineChoice.decide("gpu", false, "api.example", () -> true))
                .hasMessageContaining("mp4drop.engine");
    }
}
