package mp4drop.nemo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NemoClientErrorsTest extends WireMockSupport {
    private static final String CREDITS = "/api/credits/balance/simple";
    private static final String SID = "555";
    private static final String UPLOAD = "/api/upload-video/nemo_agent/me/" + SID;

    private NemoClient client() {
        stubToken();
        return new NemoClient(settings(), watchdogs);
    }

    private NemoApiException creditsFailure(ResponseDefinitionBuilder answer) {
        wm.stubFor(get(urlEqualTo(CREDITS)).willReturn(answer));
        NemoClient client = client();
        return catchThrowableOfType(NemoApiException.class, client::credits);
    }

    private NemoApiException uploadFailure(ResponseDefinitionBuilder answer) throws IOException {
        Path file = tmp.resolve("tape.vob");
        Files.writeString(file, "bytes");
        wm.stubFor(post(urlEqualTo(UPLOAD)).willReturn(answer));
        NemoClient client = client();
        return catchThrowableOfType(NemoApiException.class, () -> client.upload(SID, file));
    }

    @Test
    void unsupportedTypeListsTheAcceptedTypes() throws IOException {
        NemoApiException e = uploadFailure(okJson("{\"code\":4001,\"message\":\"Unsupported file type\",\"data\":null}"));
        assertThat(e).isExactlyInstanceOf(NemoApiException.class);
        assertThat(e.stage()).isEqualTo("upload");
        assertThat(e.code()).isEqualTo("4001");
        assertThat(e.apiCode()).isEqualTo(4001);
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.getMessage()).contains("Unsupported file type");
        assertThat(e.hint()).contains("video mp4 mov avi webm mkv; image jpg png gif webp; audio mp3 wav m4a aac");
    }

    @Test
    void fileTooLargeSuggestsCompressingOrTrimming() throws IOException {
        NemoApiException e = uploadFailure(json(413, "{\"success\":false,\"error\":{\"code\":4002,\"message\":\"File too large\"}}"));
        assertThat(e.code()).isEqualTo("4002");
        assertThat(e.httpStatus()).isEqualTo(413);
        assertThat(e.hint()).contains("500 MB").contains("Compress").contains("trim");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void exportBlockedByThePlanAsStatusAndAsCode() {
        wm.stubFor(post(urlEqualTo("/api/render/proxy/lambda")).willReturn(json(402, "{\"detail\":\"Payment Required\"}")));
        NemoClient client = client();
        NemoApiException status = catchThrowableOfType(NemoApiException.class,
                () -> client.submitRender(SID, Json.MAPPER.createObjectNode(), "render_a"));
        assertThat(status).isExactlyInstanceOf(NemoApiException.class);
        assertThat(status.stage()).isEqualTo("export");
        assertThat(status.code()).isEqualTo("http-402");
        assertThat(status.getMessage()).contains("plan").contains("not about credits");

        wm.stubFor(post(urlEqualTo("/api/render/proxy/lambda")).willReturn(okJson("{\"code\":402,\"message\":\"plan\"}")));
        NemoApiException code = catchThrowableOfType(NemoApiException.class,
                () -> client.submitRender(SID, Json.MAPPER.createObjectNode(), "render_b"));
        assertThat(code.code()).isEqualTo("402");
        assertThat(code.hint()).contains("plan");
    }

    @Test
    void rateLimitedWithRetryAfter() {
        NemoApiException e = creditsFailure(json(429, "{\"message\":\"slow down\"}").withHeader("Retry-After", "7"));
        assertThat(e).isInstanceOf(RateLimitedException.class);
        assertThat(((RateLimitedException) e).retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(e.code()).isEqualTo("http-429");
        assertThat(e.stage()).isEqualTo("credits");
        wm.verify(1, getRequestedFor(urlEqualTo(CREDITS)));
    }

    @Test
    void rateLimitedWithoutRetryAfterWaitsThirtySeconds() {
        NemoApiException e = creditsFailure(json(429, ""));
        assertThat(((RateLimitedException) e).retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void rateLimitedAsABusinessCode() {
        NemoApiException e = creditsFailure(okJson("{\"code\":429,\"message\":\"Too many requests\"}"));
        assertThat(e).isInstanceOf(RateLimitedException.class);
        assertThat(e.code()).isEqualTo("429");
        assertThat(((RateLimitedException) e).retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void serverErrorsAreTransient(int status) {
        NemoApiException e = creditsFailure(aResponse().withStatus(status).withBody("<html>oops</html>"));
        assertThat(e).isInstanceOf(TransientApiException.class);
        assertThat(e.code()).isEqualTo("http-" + status);
        assertThat(e.retryable()).isTrue();
        wm.verify(1, getRequestedFor(urlEqualTo(CREDITS)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE"})
    void networkFaultsAreTransient(String fault) {
        NemoApiException e = creditsFailure(aResponse().withFault(Fault.valueOf(fault)));
        assertThat(e).isInstanceOf(TransientApiException.class);
        assertThat(e.code()).isEqualTo("network");
        assertThat(e.stage()).isEqualTo("credits");
        // The JDK client itself tries a GET once more when a connection closes before any answer; never a POST.
        assertThat(wm.findAll(getRequestedFor(urlEqualTo(CREDITS)))).hasSizeBetween(1, 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE"})
    void networkFaultsOnAPostAreTransientAndNeverResent(String fault) {
        wm.stubFor(post(urlEqualTo("/api/tasks/me/with-session/nemo_agent"))
                .willReturn(aResponse().withFault(Fault.valueOf(fault))));
        NemoClient client = client();
        NemoApiException e = catchThrowableOfType(NemoApiException.class, () -> client.createSession("x"));
        assertThat(e).isInstanceOf(TransientApiException.class).hasFieldOrPropertyWithValue("stage", "session");
        wm.verify(1, postRequestedFor(urlEqualTo("/api/tasks/me/with-session/nemo_agent")));
    }

    @Test
    void emptyAndMalformedSuccessAnswersAreTransient() {
        assertThat(creditsFailure(aResponse().withStatus(200))).isInstanceOf(TransientApiException.class)
                .hasFieldOrPropertyWithValue("code", "bad-response").hasMessageContaining("empty");
        assertThat(creditsFailure(okJson("{\"available\":"))).isInstanceOf(TransientApiException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void aSlowAnswerTimesOut() {
        wm.stubFor(get(urlEqualTo(CREDITS)).willReturn(okJson("{\"available\":1}").withFixedDelay(1500)));
        stubToken();
        NemoOptions quick = settings().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(1));
        NemoApiException e = catchThrowableOfType(NemoApiException.class, () -> new NemoClient(quick, watchdogs).credits());
        assertThat(e).isInstanceOf(TransientApiException.class).hasFieldOrPropertyWithValue("code", "timeout");
    }

    @Test
    void sessionLost() {
        wm.stubFor(get(urlEqualTo("/api/state/nemo_agent/me/" + SID + "/latest"))
                .willReturn(json(404, "{\"code\":1002,\"message\":\"Session not found\"}")));
        NemoClient client = client();
        NemoApiException e = catchThrowableOfType(NemoApiException.class, () -> client.state(SID));
        assertThat(e).isInstanceOf(SessionLostException.class);
        assertThat(e.stage()).isEqualTo("state");
        assertThat(e.code()).isEqualTo("1002");
    }

    @Test
    void outOfCreditsCarriesTheRegisterLinkForTheAnonymousUser() {
        NemoApiException e = creditsFailure(okJson("{\"code\":2001,\"message\":\"Insufficient credits\"}"));
        assertThat(e).isInstanceOf(OutOfCreditsException.class);
        assertThat(((OutOfCreditsException) e).registerUrl()).isEqualTo("https://web.example/register?bind=" + USER_ID);
        assertThat(e.hint()).contains("https://web.example/register?bind=" + USER_ID);
    }

    @Test
    void outOfCreditsWithoutAUserIdLinksThePlainRegisterPage() {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson("{\"token\":\"" + TOKEN + "\"}")));
        wm.stubFor(get(urlEqualTo(CREDITS)).willReturn(okJson("{\"code\":2001,\"message\":\"Insufficient credits\"}")));
        OutOfCreditsException e = catchThrowableOfType(OutOfCreditsException.class,
                () -> new NemoClient(settings(), watchdogs).credits());
        assertThat(e.registerUrl()).isEqualTo("https://web.example/register");
    }

    @Test
    void otherCodesAndStatusesGetAGenericHint() {
        NemoApiException e = creditsFailure(json(404, "{\"detail\":\"Not Found\"}"));
        assertThat(e).isExactlyInstanceOf(NemoApiException.class);
        assertThat(e.code()).isEqualTo("http-404");
        assertThat(e.getMessage()).contains("Not Found");
        assertThat(e.hint()).isNotBlank();
        NemoApiException coded = creditsFailure(okJson("{\"code\":3005,\"message\":\"weird\"}"));
        assertThat(coded.code()).isEqualTo("3005");
    }

    @Test
    void rejectedAnonymousTokenIsRenewedWithTheSameClientIdAndTheCallRetriedOnce() {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"code\":0,\"data\":{\"token\":\"old-token\"}}")).willSetStateTo("renewed"));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("renewed")
                .willReturn(okJson("{\"code\":0,\"data\":{\"token\":\"new-token\"}}")));
        wm.stubFor(get(urlEqualTo(CREDITS)).withHeader("Authorization", equalTo("Bearer old-token"))
                .willReturn(okJson("{\"code\":1001,\"message\":\"token expired\"}")));
        wm.stubFor(get(urlEqualTo(CREDITS)).withHeader("Authorization", equalTo("Bearer new-token"))
                .willReturn(okJson("{\"available\":3,\"frozen\":0,\"total\":3}")));

        assertThat(new NemoClient(settings(), watchdogs).credits().available()).isEqualTo(3);

        String clientId = new CredentialStore(settings()).clientId();
        wm.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)).withHeader("X-Client-Id", equalTo(clientId)));
        wm.verify(2, getRequestedFor(urlEqualTo(CREDITS)));
        assertThat(new CredentialStore(settings()).current().token()).isEqualTo("new-token");
    }

    @Test
    void http401AlsoRenewsAnAnonymousToken() {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"token\":\"old-token\"}")).willSetStateTo("renewed"));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("renewed")
                .willReturn(okJson("{\"token\":\"new-token\"}")));
        wm.stubFor(get(urlEqualTo(CREDITS)).withHeader("Authorization", equalTo("Bearer old-token"))
                .willReturn(json(401, "{\"detail\":\"Unauthorized\"}")));
        wm.stubFor(get(urlEqualTo(CREDITS)).withHeader("Authorization", equalTo("Bearer new-token"))
                .willReturn(okJson("{\"available\":3}")));
        assertThat(new NemoClient(settings(), watchdogs).credits()).isEqualTo(new Credits(3, 0, 3));
    }

    @Test
    void anAnonymousTokenRejectedAgainAfterRenewalStopsTheRun() {
        stubToken();
        wm.stubFor(get(urlEqualTo(CREDITS)).willReturn(okJson("{\"code\":1001,\"message\":\"invalid token\"}")));
        TokenRejectedException e = catchThrowableOfType(TokenRejectedException.class,
                () -> new NemoClient(settings(), watchdogs).credits());
        assertThat(e.getMessage()).contains("freshly issued anonymous token");
        assertThat(e.stage()).isEqualTo("credits");
        wm.verify(2, getRequestedFor(urlEqualTo(CREDITS)));
        wm.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void aRejectedUserTokenStopsTheRunWithoutAskingForAnotherOne() {
        stubToken();
        wm.stubFor(get(urlEqualTo(CREDITS)).willReturn(json(401, "{\"code\":1001,\"message\":\"bad token user-secret\"}")));
        TokenRejectedException e = catchThrowableOfType(TokenRejectedException.class,
                () -> new NemoClient(settings("user-secret"), watchdogs).credits());
        assertThat(e.getMessage()).contains("NEMO_TOKEN").doesNotContain("user-secret");
        assertThat(e.hint()).contains("NEMO_TOKEN");
        assertThat(e.code()).isEqualTo("1001");
        wm.verify(1, getRequestedFor(urlEqualTo(CREDITS)));
        wm.verify(0, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void noMessageOrHintEverCarriesTheTokenOrTheClientId() throws IOException {
        CredentialStore store = new CredentialStore(settings().withClientId("client-secret-id"));
        stubToken();
        NemoClient client = new NemoClient(settings().withClientId("client-secret-id"), watchdogs);
        String echo = "{\"code\":%d,\"message\":\"token " + TOKEN + " for client client-secret-id\"}";
        List<NemoApiException> failures = new ArrayList<>();
        for (int code : new int[] {1002, 2001, 4001, 4002, 402, 429, 500, 3333}) {
            wm.stubFor(get(urlEqualTo(CREDITS)).willReturn(okJson(String.format(echo, code))));
            failures.add(catchThrowableOfType(NemoApiException.class, client::credits));
        }
        for (int status : new int[] {400, 402, 404, 429, 500, 503}) {
            wm.stubFor(get(urlEqualTo(CREDITS)).willReturn(json(status, "{\"detail\":\"" + TOKEN + " client-secret-id\"}")));
            failures.add(catchThrowableOfType(NemoApiException.class, client::credits));
        }
        wm.stubFor(get(urlEqualTo(CREDITS)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        failures.add(catchThrowableOfType(NemoApiException.class, client::credits));
        wm.stubFor(get(urlEqualTo(CREDITS)).willReturn(json(401, "{\"message\":\"" + TOKEN + "\"}")));
        failures.add(catchThrowableOfType(NemoApiException.class, client::credits));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(json(400, "{\"detail\":\"client-secret-id\"}")));
        failures.add(catchThrowableOfType(NemoApiException.class, () -> new CredentialStore(
                settings().withClientId("client-secret-id")).renew(store.current())));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(json(403, "{\"detail\":\"no for client-secret-id\"}")));
        failures.add(catchThrowableOfType(NemoApiException.class, () -> new CredentialStore(
                settings().withClientId("client-secret-id")).renew(store.current())));

        assertThat(failures).hasSize(18).doesNotContainNull();
        for (NemoApiException e : failures) {
            assertThat(e.getMessage() + " " + e.hint() + " " + e.code() + " " + e.details() + " " + e)
                    .doesNotContain(TOKEN).doesNotContain("client-secret-id");
        }
    }
}
