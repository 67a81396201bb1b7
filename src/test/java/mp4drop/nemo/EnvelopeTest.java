package mp4drop.nemo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void codeEnvelope() {
        Envelope ok = Envelope.read(200, "{\"code\":0,\"message\":\"ok\",\"data\":{\"a\":1}}");
        assertThat(ok.ok()).isTrue();
        assertThat(ok.data().get("a").asInt()).isEqualTo(1);

        Envelope failed = Envelope.read(200, "{\"code\":4001,\"message\":\"unsupported\",\"data\":null}");
        assertThat(failed.ok()).isFalse();
        assertThat(failed.apiCode()).isEqualTo(4001);
        assertThat(failed.message()).isEqualTo("unsupported");

        assertThat(Envelope.read(200, "{\"code\":\"2001\",\"msg\":\"no credits\"}").apiCode()).isEqualTo(2001);
    }

    @Test
    void successEnvelope() {
        assertThat(Envelope.read(200, "{\"success\":true,\"data\":{\"a\":2}}").data().get("a").asInt()).isEqualTo(2);
        Envelope failed = Envelope.read(200, "{\"success\":false,\"error\":\"bad thing\"}");
        assertThat(failed.ok()).isFalse();
        assertThat(failed.apiCode()).isNull();
        assertThat(failed.message()).isEqualTo("bad thing");
        Envelope coded = Envelope.read(200, "{\"success\":false,\"error\":{\"code\":1002,\"message\":\"gone\"}}");
        assertThat(coded.apiCode()).isEqualTo(1002);
        assertThat(coded.message()).isEqualTo("gone");
    }

    @Test
    void bareObjectIsTheDataEvenWithAnErrorField() {
        Envelope bare = Envelope.read(200, "{\"status\":\"failed\",\"error\":\"render crashed\"}");
        assertThat(bare.ok()).isTrue();
        assertThat(bare.data().get("status").asText()).isEqualTo("failed");
    }

    @Test
    void errorStatusesStillReadTheBody() {
        Envelope detail = Envelope.read(422, "{\"detail\":\"task_name missing\"}");
        assertThat(detail.ok()).isFalse();
        assertThat(detail.message()).isEqualTo("task_name missing");
        Envelope coded = Envelope.read(500, "{\"code\":0,\"data\":{}}");
        assertThat(coded.ok()).isFalse();
        Envelope errorCode = Envelope.read(400, "{\"errorCode\":4002,\"errorMessage\":\"too large\"}");
        assertThat(errorCode.apiCode()).isEqualTo(4002);
        assertThat(errorCode.message()).isEqualTo("too large");
        Envelope html = Envelope.read(502, "<html>bad gateway</html>");
        assertThat(html.ok()).isFalse();
        assertThat(html.unusable()).isNull();
    }

    @Test
    void unusableSuccessAnswers() {
        assertThat(Envelope.read(200, "").unusable()).isEqualTo("an empty answer");
        assertThat(Envelope.read(200, "<html>").unusable()).isEqualTo("an answer that is not JSON");
    }
}
