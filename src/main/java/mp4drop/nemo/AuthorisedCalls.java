package mp4drop.nemo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Calls that carry the bearer token, and what a rejected token means: an anonymous token is renewed and the
 * call made once more (safe, the server accepted nothing); NEMO_TOKEN cannot be replaced, so its rejection
 * stops the run.
 */
final class AuthorisedCalls {
    private final NemoOptions settings;
    private final CredentialStore credentials;
    private final HttpClient api;
    private final Clock clock;

    AuthorisedCalls(NemoOptions settings, CredentialStore credentials, HttpClient api, Clock clock) {
        this.settings = settings;
        this.credentials = credentials;
        this.api = api;
        this.clock = clock;
    }

    /** An API answer before its envelope is judged. */
    record Answer(int status, HttpHeaders headers, Envelope envelope) {
        boolean authRejected() {
            return status == 401 || Integer.valueOf(1001).equals(envelope.apiCode());
        }
    }

    /** A JSON call: the envelope's data, or the exception that says whether and when to try again. */
    JsonNode callJson(String stage, Function<Credentials, HttpRequest> request) {
        return callJson(stage, request, UnaryOperator.identity());
    }

    /** @param redactAlso takes out of the server's words what the request carried besides the token */
    JsonNode callJson(String stage, Function<Credentials, HttpRequest> request, UnaryOperator<String> redactAlso) {
        Answer answer = withRenewal(stage, creds -> exchange(stage, request.apply(creds)),
                reply -> reply.authRejected() ? reply : null);
        if (!answer.envelope().ok()) {
            throw failure(stage, answer, redactAlso);
        }
        return answer.envelope().data();
    }

    /**
     * Makes the attempt with the current token and, when {@code rejection} finds the token refused, once more
     * with a renewed one.
     */
    <T> T withRenewal(String stage, Function<Credentials, T> attempt, Function<T, Answer> rejection) {
        Credentials creds = credentials.current();
        T result = attempt.apply(creds);
        Answer rejected = rejection.apply(result);
        if (rejected != null) {
            creds = renewOrStop(stage, creds, rejected);
            result = attempt.apply(creds);
            rejected = rejection.apply(result);
            if (rejected != null) {
                throw rejectedAgain(stage, rejected);
            }
        }
        return result;
    }

    private Answer exchange(String stage, HttpRequest request) {
        try {
            HttpResponse<String> response = api.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers(),
                    Envelope.read(response.statusCode(), response.body()));
        } catch (IOException e) {
            throw ErrorMapper.network(stage, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ErrorMapper.interrupted(stage, e);
        }
    }

    /** An API request with the attribution headers and the token. */
    HttpRequest.Builder authorised(String path, Credentials creds) {
        return NemoHttp.attributed(HttpRequest.newBuilder(UrlParts.api(settings.apiBase(), path)), settings)
                .header("Authorization", "Bearer " + creds.token());
    }

    HttpRequest.Builder request(String path, Credentials creds, Duration timeout) {
        return authorised(path, creds)
                .header("Accept", "application/json")
                .timeout(timeout);
    }

    HttpRequest postJson(String path, Credentials creds, JsonNode body) {
        return request(path, creds, settings.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
    }

    NemoApiException failure(String stage, Answer answer) {
        return failure(stage, answer, UnaryOperator.identity());
    }

    private NemoApiException failure(String stage, Answer answer, UnaryOperator<String> redactAlso) {
        Envelope envelope = answer.envelope();
        if (envelope.unusable() != null) {
            return ErrorMapper.badResponse(stage, answer.status(), envelope.unusable());
        }
        return refusal(stage, answer.status(), envelope.apiCode(), redactAlso.apply(envelope.message()),
                answer.headers().firstValue("Retry-After").orElse(null));
    }

    /** An error the API reported, with the secrets taken out of its message. */
    NemoApiException refusal(String stage, int status, Integer apiCode, String message, String retryAfter) {
        return ErrorMapper.fromAnswer(stage, status, apiCode, redact(message), retryAfter,
                settings.registerUrl(credentials.userId().orElse(null)), clock);
    }

    /**
     * The token expired while the server was already working: an anonymous one is renewed for the next call.
     * False when the token is NEMO_TOKEN, which cannot be renewed.
     */
    boolean renewAnonymous() {
        Credentials creds = credentials.current();
        if (!creds.anonymous()) {
            return false;
        }
        credentials.renew(creds);
        return true;
    }

    String redact(String text) {
        return ErrorMapper.redact(text, credentials.secrets());
    }

    private Credentials renewOrStop(String stage, Credentials rejected, Answer answer) {
        if (!rejected.anonymous()) {
            throw new TokenRejectedException(stage, codeOf(answer),
                    "NemoVideo rejected the token in NEMO_TOKEN " + ErrorMapper.where(stage),
                    "The run stops: check that NEMO_TOKEN is current (or unset it to use an anonymous token) and "
                            + "start the run again.",
                    answer.envelope().apiCode(), answer.status());
        }
        return credentials.renew(rejected);
    }

    private static TokenRejectedException rejectedAgain(String stage, Answer answer) {
        return new TokenRejectedException(stage, codeOf(answer),
                "NemoVideo rejected a freshly issued anonymous token " + ErrorMapper.where(stage),
                "The run stops: anonymous access seems refused right now. Set NEMO_TOKEN to an account token, or "
                        + "try again later.",
                answer.envelope().apiCode(), answer.status());
    }

    private static String codeOf(Answer answer) {
        Integer code = answer.envelope().apiCode();
        return code != null ? code.toString() : "http-" + answer.status();
    }
}
