package mp4drop.nemo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
    private static final String REGISTER = "https://web.example/register?bind=u-1";

    private static NemoApiException map(int status, Integer code) {
        return ErrorMapper.fromAnswer("upload", status, code, "server words", null, REGISTER, CLOCK);
    }

    @Test
    void businessCodesDecideBeforeStatuses() {
        assertThat(map(200, 1002)).isInstanceOf(SessionLostException.class);
        assertThat(map(500, 2001)).isInstanceOf(OutOfCreditsException.class)
                .satisfies(e -> assertThat(((OutOfCreditsException) e).registerUrl()).isEqualTo(REGISTER));
        NemoApiException unsupported = map(200, 4001);
        assertThat(unsupported).isExactlyInstanceOf(NemoApiException.class);
        assertThat(unsupported.code()).isEqualTo("4001");
        assertThat(unsupported.hint()).contains("mp4 mov avi webm mkv").contains("jpg png gif webp")
                .contains("mp3 wav m4a aac");
        assertThat(map(400, 4002).hint()).contains("500 MB").contains("Compress");
        assertThat(map(200, 4002).stage()).isEqualTo("upload");
    }

    @Test
    void statusesWhenThereIsNoCode() {
        NemoApiException plan = map(402, null);
        assertThat(plan).isExactlyInstanceOf(NemoApiException.class);
        assertThat(plan.code()).isEqualTo("http-402");
        assertThat(plan.getMessage()).contains("plan").contains("not about credits");
        assertThat(map(200, 402).code()).isEqualTo("402");
        assertThat(map(401, null)).isInstanceOf(TokenRejectedException.class);
        for (int status : new int[] {500, 502, 503, 504}) {
            NemoApiException e = map(status, null);
            assertThat(e).isInstanceOf(TransientApiException.class);
            assertThat(e.retryable()).isTrue();
            assertThat(e.httpStatus()).isEqualTo(status);
        }
        NemoApiException other = map(404, null);
        assertThat(other).isExactlyInstanceOf(NemoApiException.class);
        assertThat(other.retryable()).isFalse();
        assertThat(other.getMessage()).contains("HTTP 404").contains("server words");
    }

    @Test
    void retryAfterInSecondsAsADateOrDefault() {
        assertThat(ErrorMapper.retryAfter("12", CLOCK)).isEqualTo(Duration.ofSeconds(12));
        assertThat(ErrorMapper.retryAfter("Sat, 21 Nov 2026 10:01:30 GMT", CLOCK)).isEqualTo(Duration.ofSeconds(90));
        assertThat(ErrorMapper.retryAfter("Sat, 21 Nov 2026 09:00:00 GMT", CLOCK)).isEqualTo(Duration.ZERO);
        assertThat(ErrorMapper.retryAfter(null, CLOCK)).isEqualTo(Duration.ofSeconds(30));
        assertThat(ErrorMapper.retryAfter("soon", CLOCK)).isEqualTo(Duration.ofSeconds(30));
        RateLimitedException limited = (RateLimitedException) ErrorMapper.fromAnswer("state", 429, null, null, "5",
                REGISTER, CLOCK);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(limited.retryable()).isTrue();
    }

    @Test
    void redactRemovesEverySecret() {
        assertThat(ErrorMapper.redact("token abc and id xyz", "abc", null, "xyz")).isEqualTo("token *** and id ***");
    }
}
