package mp4drop.nemo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import mp4drop.nemo.InstructionOutcome.Ending;

/**
 * One instruction to the agent over {@code /run_sse}, read to the stream's end under a watchdog. Never
 * re-sends once the server may have taken it: a dropped or timed-out stream comes back as an outcome.
 */
final class InstructionStream {
    /** Error bodies are small; a larger one is not an API answer. */
    private static final int MAX_ERROR_BODY = 1 << 20;

    private final NemoOptions settings;
    private final AuthorisedCalls calls;
    private final HttpClient api;
    private final ScheduledExecutorService watchdogs;

    InstructionStream(NemoOptions settings, AuthorisedCalls calls, HttpClient api, ScheduledExecutorService watchdogs) {
        this.settings = settings;
        this.calls = calls;
        this.api = api;
        this.watchdogs = watchdogs;
    }

    /** Either the finished turn, or the answer that rejected the token before any stream began. */
    private record Turn(InstructionOutcome outcome, AuthorisedCalls.Answer rejected) {
    }

    InstructionOutcome instruct(String sessionId, String instruction) {
        ObjectNode body = Json.MAPPER.createObjectNode()
                .put("app_name", "nemo_agent")
                .put("user_id", "me")
                .put("session_id", sessionId);
        body.putObject("new_message").putArray("parts").addObject().put("text", instruction);
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return calls.withRenewal("instruct", creds -> streamTurn(creds, bytes), Turn::rejected).outcome();
    }

    private Turn streamTurn(Credentials creds, byte[] body) {
        // No request timeout here: the watchdog governs the whole exchange, headers included.
        HttpRequest request = calls.authorised("/run_sse", creds)
                .header("Accept", "text/event-stream")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        TurnTranscript transcript = new TurnTranscript();
        CompletableFuture<HttpResponse<InputStream>> future =
                api.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        try (StreamWatchdog watchdog = new StreamWatchdog(watchdogs, settings.sseIdleTimeout(),
                settings.sseHardTimeout(), future)) {
            HttpResponse<InputStream> response;
            try {
                response = future.get();
            } catch (CancellationException e) {
                return new Turn(outcome(transcript, watchdog, Ending.DROPPED), null);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
                    // Never connected, so nothing was sent: safe to report as a plain transient failure.
                    throw ErrorMapper.network("instruct", (IOException) cause);
                }
                return new Turn(outcome(transcript, watchdog, Ending.DROPPED), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                future.cancel(true);
                throw ErrorMapper.interrupted("instruct", e);
            }
            watchdog.reading(response.body());
            try (InputStream in = response.body()) {
                if (isPlainAnswer(response)) {
                    return plainAnswer(response, in, transcript);
                }
                return new Turn(readStream(in, transcript, watchdog), null);
            } catch (IOException closing) {
                return new Turn(outcome(transcript, watchdog, Ending.DROPPED), null);
            }
        }
    }

    private static boolean isPlainAnswer(HttpResponse<?> response) {
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        return status < 200 || status >= 300 || type.contains("json");
    }

    /** An error status, or a JSON answer instead of a stream: nothing is streaming, the answer is complete. */
    private Turn plainAnswer(HttpResponse<InputStream> response, InputStream in, TurnTranscript transcript)
            throws IOException {
        String text = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
        AuthorisedCalls.Answer answer = new AuthorisedCalls.Answer(response.statusCode(), response.headers(),
                Envelope.read(response.statusCode(), text));
        if (answer.authRejected()) {
            return new Turn(null, answer);
        }
        if (!answer.envelope().ok()) {
            throw calls.failure("instruct", answer);
        }
        if (transcript.accept(answer.envelope().data().toString()) == TurnTranscript.Kind.ERROR) {
            throw streamError(transcript.error());
        }
        return new Turn(new InstructionOutcome(transcript.text(), transcript.events(), Ending.CLOSED), null);
    }

    private InstructionOutcome readStream(InputStream in, TurnTranscript transcript, StreamWatchdog watchdog) {
        SseEventReader reader = new SseEventReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            SseEvent event;
            while ((event = reader.next()) != null) {
                TurnTranscript.Kind kind = event.heartbeat() ? TurnTranscript.Kind.HEARTBEAT
                        : transcript.accept(event.data());
                if (kind == TurnTranscript.Kind.ERROR) {
                    throw streamError(transcript.error());
                }
                if (kind == TurnTranscript.Kind.EVENT) {
                    watchdog.activity();
                }
            }
            return outcome(transcript, watchdog, Ending.CLOSED);
        } catch (IOException e) {
            return outcome(transcript, watchdog, Ending.DROPPED);
        }
    }

    /** The watchdog's verdict wins: its closing the stream looks like an ordinary end or a broken read. */
    private static InstructionOutcome outcome(TurnTranscript transcript, StreamWatchdog watchdog, Ending otherwise) {
        StreamWatchdog.Expiry expiry = watchdog.expiry();
        Ending ending = expiry == StreamWatchdog.Expiry.IDLE ? Ending.IDLE_TIMEOUT
                : expiry == StreamWatchdog.Expiry.HARD ? Ending.HARD_TIMEOUT : otherwise;
        return new InstructionOutcome(transcript.text(), transcript.events(), ending);
    }

    /**
     * An error the agent reported inside the stream. The instruction reached the server, so nothing is
     * re-sent; a token that expired meanwhile is renewed for the next call.
     */
    private NemoApiException streamError(TurnTranscript.StreamError error) {
        if (error.code() == null) {
            String said = calls.redact(error.message());
            return new NemoApiException("instruct", "agent-error",
                    "The NemoVideo agent reported an error" + (said == null ? "" : ": " + oneLine(said)),
                    "The instruction was not sent again. Try the file later, or convert it with the local engine.",
                    null, 200, null);
        }
        if (error.code() == 1001) {
            if (!calls.renewAnonymous()) {
                return new TokenRejectedException("instruct", "1001",
                        "NemoVideo rejected the token in NEMO_TOKEN while instructing the NemoVideo agent",
                        "The run stops: check that NEMO_TOKEN is current (or unset it) and start the run again.",
                        1001, 200);
            }
            return new TransientApiException("instruct", "1001",
                    "The anonymous token expired while the agent was working; the instruction was not sent again",
                    "A new token was obtained; the job reads the session state to see what was done.", 1001, 200,
                    null);
        }
        return calls.refusal("instruct", 200, error.code(), error.message(), null);
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
