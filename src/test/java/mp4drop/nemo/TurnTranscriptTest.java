package mp4drop.nemo;

import static org.assertj.core.api.Assertions.assertThat;

import mp4drop.nemo.TurnTranscript.Kind;
import org.junit.jupiter.api.Test;

class TurnTranscriptTest {

    @Test
    void typedTextIsJoinedAndToolEventsCount() {
        TurnTranscript turn = new TurnTranscript();
        assertThat(turn.accept("{\"type\":\"text\",\"content\":\"Converting \"}")).isEqualTo(Kind.EVENT);
        assertThat(turn.accept("{\"type\":\"tool_call\",\"name\":\"convert\"}")).isEqualTo(Kind.EVENT);
        assertThat(turn.accept("{\"type\":\"heartbeat\"}")).isEqualTo(Kind.HEARTBEAT);
        assertThat(turn.accept("{\"type\":\"tool_result\",\"ok\":true}")).isEqualTo(Kind.EVENT);
        turn.accept("{\"type\":\"text\",\"content\":\"your video.\\n\\nDone!\"}");
        assertThat(turn.text()).isEqualTo("Converting your video. Done!");
        assertThat(turn.events()).isEqualTo(4);
    }

    @Test
    void agentEventsDropThoughtsAndReplacePartialsWithTheFinalMessage() {
        TurnTranscript turn = new TurnTranscript();
        turn.accept(agent("{\"thought\":true,\"text\":\"I should plan\"}", true));
        turn.accept(agent("{\"text\":\"Your clip \"}", true));
        turn.accept(agent("{\"text\":\"is ready\"}", true));
        turn.accept(agent("{\"text\":\"Your clip is ready.\"}", false));
        turn.accept(agent("{\"functionCall\":{\"name\":\"edit\",\"args\":{}}}", false));
        turn.accept("{\"content\":{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"edit\"}}]}}");
        turn.accept(agent("{\"text\":\"Anything else?\"}", false));
        assertThat(turn.text()).isEqualTo("Your clip is ready. Anything else?");
        assertThat(turn.error()).isNull();
    }

    @Test
    void partialsWithoutAFinalMessageStillCount() {
        TurnTranscript turn = new TurnTranscript();
        turn.accept(agent("{\"text\":\"Half \"}", true));
        turn.accept(agent("{\"text\":\"said\"}", true));
        assertThat(turn.text()).isEqualTo("Half said");
    }

    @Test
    void partialsAreCommittedByANonPartialEventWithoutText() {
        TurnTranscript turn = new TurnTranscript();
        turn.accept(agent("{\"text\":\"Working on it\"}", true));
        turn.accept(agent("{\"functionCall\":{\"name\":\"edit\"}}", false));
        turn.accept(agent("{\"text\":\"Done\"}", false));
        assertThat(turn.text()).isEqualTo("Working on it Done");
    }

    @Test
    void aSilentTurnHasNoText() {
        TurnTranscript turn = new TurnTranscript();
        turn.accept(agent("{\"functionCall\":{\"name\":\"edit\"}}", false));
        turn.accept(agent("{\"thought\":true,\"text\":\"hmm\"}", false));
        assertThat(turn.text()).isEmpty();
        assertThat(turn.events()).isEqualTo(2);
    }

    @Test
    void errorsInEveryForm() {
        assertError("{\"type\":\"error\",\"message\":\"boom\"}", null, "boom");
        assertError("{\"error\":\"quota exceeded\"}", null, "quota exceeded");
        assertError("{\"error\":{\"code\":2001,\"message\":\"no credits\"}}", 2001, "no credits");
        assertError("{\"errorCode\":1002,\"errorMessage\":\"session gone\"}", 1002, "session gone");
        assertError("{\"errorCode\":\"SAFETY\",\"errorMessage\":\"blocked\"}", null, "SAFETY: blocked");
        assertError("{\"code\":4002,\"message\":\"too big\"}", 4002, "too big");
    }

    @Test
    void zeroCodesAndNullErrorsAreNotErrors() {
        TurnTranscript turn = new TurnTranscript();
        assertThat(turn.accept("{\"code\":0,\"error\":null,\"errorCode\":null,\"type\":\"text\",\"content\":\"ok\"}"))
                .isEqualTo(Kind.EVENT);
        assertThat(turn.text()).isEqualTo("ok");
    }

    @Test
    void longTextIsCutToOneShortLine() {
        TurnTranscript turn = new TurnTranscript();
        turn.accept("{\"type\":\"text\",\"content\":\"" + "word\\n ".repeat(400) + "\"}");
        assertThat(turn.text()).hasSizeLessThanOrEqualTo(TurnTranscript.MAX_TEXT).doesNotContain("\n").endsWith("…");
    }

    @Test
    void plainTextDataIsTextAndDoneMarkerIsNot() {
        TurnTranscript turn = new TurnTranscript();
        turn.accept("hello there");
        turn.accept("[DONE]");
        assertThat(turn.text()).isEqualTo("hello there");
    }

    private static void assertError(String data, Integer code, String message) {
        TurnTranscript turn = new TurnTranscript();
        assertThat(turn.accept(data)).isEqualTo(Kind.ERROR);
        assertThat(turn.error()).isEqualTo(new TurnTranscript.StreamError(code, message));
    }

    private static String agent(String part, boolean partial) {
        return "{\"content\":{\"role\":\"model\",\"parts\":[" + part + "]},\"partial\":" + partial
                + ",\"author\":\"nemo_agent\"}";
    }
}
