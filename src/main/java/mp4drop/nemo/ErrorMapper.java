package mp4drop.nemo;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Turns a NemoVideo error answer, or a local failure, into the exception type that tells the caller what
 * to do. Messages name the stage and the server's words; they never carry credentials, because the caller
 * redacts the server text before it gets here.
 */
final class ErrorMapper {
    static final String ACCEPTED_TYPES =
            "video mp4 mov avi webm mkv; image jpg png gif webp; audio mp3 wav m4a aac";
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);
    private static final int MAX_SERVER_TEXT = 300;
    private static final String RETRY_LATER =
            "A temporary problem at NemoVideo or on the network; the job is tried again later.";

    private ErrorMapper() {
    }

    /**
     * An error answer: a business code and/or an HTTP status. The business code decides first, because
     * some endpoints send business errors with HTTP 200 or a generic 4xx/5xx.
     */
    static NemoApiException fromAnswer(String stage, int httpStatus, Integer apiCode, String serverText,
            String retryAfterHeader, String registerUrl, Clock clock) {
        String code = apiCode != null ? apiCode.toString() : "http-" + httpStatus;
        String said = said(serverText);
        int business = apiCode != null ? apiCode : 0;
        if (business == 1001 || httpStatus == 401) {
            return new TokenRejectedException(stage, code, "NemoVideo rejected the token " + where(stage) + said,
                    "Start the run again; if it keeps happening, delete the state directory's token.json.",
                    apiCode, httpStatus);
        }
        if (business == 1002) {
            return new SessionLostException(stage, "The NemoVideo session was not found " + where(stage) + said,
                    "The session expired or was removed; the job starts again from the upload with a new session.",
                    httpStatus);
        }
        if (business == 2001) {
            return new OutOfCreditsException(stage, "The NemoVideo account is out of credits" + said,
                    "No new cloud jobs start until credits are available. Register (free) or top up at "
                            + registerUrl + ", or convert with the local engine.",
                    httpStatus, registerUrl);
        }
        if (business == 4001) {
            return new NemoApiException(stage, code, "NemoVideo does not accept this file type" + said,
                    "Accepted types: " + ACCEPTED_TYPES + ". Convert the file to one of them (for example with "
                            + "the local engine) and drop it in again.",
                    apiCode, httpStatus, null);
        }
        if (business == 4002 || (apiCode == null && httpStatus == 413)) {
            return new NemoApiException(stage, code, "The file is too large for NemoVideo" + said,
                    "NemoVideo takes at most 500 MB per file. Compress it or trim it into shorter parts, then drop "
                            + "it in again.",
                    apiCode, httpStatus, null);
        }
        if (business == 429 || httpStatus == 429) {
            Duration wait = retryAfter(retryAfterHeader, clock);
            return new RateLimitedException(stage, code, "NemoVideo rate-limited the request " + where(stage) + said,
                    "The job waits " + wait.toSeconds() + " s and tries once more.", apiCode, httpStatus, wait);
        }
        if (business == 402 || httpStatus == 402) {
            return new NemoApiException(stage, code,
                    "NemoVideo blocked the request because of the account's plan (this is not about credits)" + said,
                    "Exports like this one need a plan that allows them: check the account at " + webOf(registerUrl)
                            + ", or convert this file with the local engine.",
                    apiCode, httpStatus, null);
        }
        if ((business >= 500 && business < 600) || httpStatus >= 500) {
            return new TransientApiException(stage, code,
                    "NemoVideo had a server error " + where(stage) + " (" + describe(apiCode, httpStatus) + ")" + said,
                    RETRY_LATER, apiCode, httpStatus, null);
        }
        return new NemoApiException(stage, code,
                "NemoVideo refused the request " + where(stage) + " (" + describe(apiCode, httpStatus) + ")" + said,
                "Check that the file opens in a video player and try it again; if NemoVideo keeps refusing it, "
                        + "convert it with the local engine.",
                apiCode, httpStatus, null);
    }

    /** The call never got an answer: refused connection, reset, timeout. */
    static TransientApiException network(String stage, IOException e) {
        if (e instanceof HttpTimeoutException) {
            return timeout(stage, e);
        }
        String what = e instanceof ConnectException ? "could not connect to NemoVideo" : "the connection to NemoVideo failed";
        return new TransientApiException(stage, "network", capitalize(what) + " " + where(stage) + " ("
                + e.getClass().getSimpleName() + ")", RETRY_LATER, null, 0, e);
    }

    static TransientApiException timeout(String stage, Throwable cause) {
        return new TransientApiException(stage, "timeout", "NemoVideo did not answer in time " + where(stage),
                RETRY_LATER, null, 0, cause);
    }

    static TransientApiException interrupted(String stage, InterruptedException e) {
        return new TransientApiException(stage, "interrupted", "The call to NemoVideo was interrupted " + where(stage),
                "The run was stopping; the job is tried again on the next run.", null, 0, e);
    }

    /** A 2xx answer that cannot be used: empty, not JSON, or missing a field we need. */
    static TransientApiException badResponse(String stage, int httpStatus, String what) {
        return new TransientApiException(stage, "bad-response",
                "NemoVideo sent an unusable answer " + where(stage) + ": " + what, RETRY_LATER, null, httpStatus, null);
    }

    /** Server text may echo what we sent; no credential may reach a message. */
    static String redact(String text, String... secrets) {
        if (text == null) {
            return null;
        }
        String clean = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                clean = clean.replace(secret, "***");
            }
        }
        return clean;
    }

    static Duration retryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return DEFAULT_RETRY_AFTER;
        }
        String value = header.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration left = Duration.between(clock.instant(), at.toInstant());
                return left.isNegative() ? Duration.ZERO : left;
            } catch (DateTimeParseException notDate) {
                return DEFAULT_RETRY_AFTER;
            }
        }
    }

    static String where(String stage) {
        return switch (stage) {
            case "auth" -> "while getting a NemoVideo token";
            case "session" -> "while creating a NemoVideo session";
            case "upload" -> "while uploading the file";
            case "instruct" -> "while instructing the NemoVideo agent";
            case "state" -> "while reading the session state";
            case "export" -> "while submitting the render";
            case "render" -> "while checking the render";
            case "download" -> "while downloading the MP4";
            case "credits" -> "while reading the credit balance";
            default -> "during " + stage;
        };
    }

    private static String said(String serverText) {
        if (serverText == null || serverText.isBlank()) {
            return "";
        }
        String oneLine = serverText.replaceAll("\\s+", " ").trim();
        if (oneLine.length() > MAX_SERVER_TEXT) {
            oneLine = oneLine.substring(0, MAX_SERVER_TEXT) + "…";
        }
        return ": " + oneLine;
    }

    private static String describe(Integer apiCode, int httpStatus) {
        if (apiCode != null && httpStatus != 0) {
            return "code " + apiCode + ", HTTP " + httpStatus;
        }
        return apiCode != null ? "code " + apiCode : "HTTP " + httpStatus;
    }

    private static String webOf(String registerUrl) {
        int cut = registerUrl.indexOf("/register");
        return cut > 0 ? registerUrl.substring(0, cut) : registerUrl;
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
