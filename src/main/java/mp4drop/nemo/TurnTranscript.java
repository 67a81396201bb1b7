package mp4drop.nemo;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Collects the user-facing text of one agent turn from SSE data, in either of the two styles seen: typed
 * events ({@code {"type":"text","content":…}}) and agent events ({@code {"content":{"parts":[…]},
 * "partial":…}}). Thought parts are the model talking to itself and are dropped. Partial texts are
 * fragments of the next complete message, which repeats them in full, so they only count when the turn
 * ends before that message arrives.
 */
final class TurnTranscript {
    enum Kind { HEARTBEAT, EVENT, ERROR }

    /** An error the stream itself reported. */
    record StreamError(Integer code, String message) {
    }

    static final int MAX_TEXT = 500;

    private final StringBuilder text = new StringBuilder();
    private final StringBuilder partial = new StringBuilder();
    private int events;
    private StreamError error;

    Kind accept(String data) {
        if (data == null || data.isBlank()) {
            return Kind.HEARTBEAT;
        }
        JsonNode node = Json.parseOrNull(data);
        if (node == null) {
            // Not JSON: a plain-text stream, or an end marker some servers send.
            if (!data.trim().equals("[DONE]")) {
                append(data);
            }
            return counted(Kind.EVENT);
        }
        if (!node.isObject()) {
            return counted(Kind.EVENT);
        }
        String type = Json.text(node, "type");
        if ("heartbeat".equalsIgnoreCase(type) || "ping".equalsIgnoreCase(type)) {
            return Kind.HEARTBEAT;
        }
        if ("error".equalsIgnoreCase(type) || isError(node)) {
            error = new StreamError(errorCode(node), errorMessage(node));
            return counted(Kind.ERROR);
        }
        if ("text".equalsIgnoreCase(type)) {
            JsonNode content = node.get("content");
            String piece = content != null && content.isObject() ? Json.text(content, "text") : Json.text(node, "content", "text");
            if (piece != null) {
                append(piece);
            }
        } else if (type == null && node.path("content").isObject()) {
            agentEvent(node);
        }
        return counted(Kind.EVENT);
    }

    /** The error reported by the last {@link Kind#ERROR} event. */
    StreamError error() {
        return error;
    }

    int events() {
        return events;
    }

    /** The turn's words on one line, trimmed to a length that fits a log or report line. */
    String text() {
        String all = (text.toString() + " " + partial).replaceAll("\\s+", " ").trim();
        return all.length() <= MAX_TEXT ? all : all.substring(0, MAX_TEXT - 1).trim() + "…";
    }

    private void agentEvent(JsonNode node) {
        JsonNode content = node.get("content");
        if ("user".equals(Json.text(content, "role"))) {
            return;
        }
        StringBuilder said = new StringBuilder();
        for (JsonNode part : content.path("parts")) {
            if (part.path("thought").asBoolean(false)) {
                continue;
            }
            String piece = Json.text(part, "text");
            if (piece != null) {
                said.append(piece);
            }
        }
        if (node.path("partial").asBoolean(false)) {
            partial.append(said);
            return;
        }
        String complete = said.length() > 0 ? said.toString() : partial.toString();
        partial.setLength(0);
        if (!complete.isBlank()) {
            text.append(' ').append(complete);
        }
    }

    private void append(String piece) {
        text.append(piece);
    }

    private Kind counted(Kind kind) {
        events++;
        return kind;
    }

    private static boolean isError(JsonNode node) {
        JsonNode error = node.get("error");
        boolean hasError = Json.present(error) && !(error.isBoolean() && !error.asBoolean())
                && !(error.isTextual() && error.asText().isBlank());
        Integer code = Json.integer(node, "code");
        return hasError || Json.present(node.get("errorCode")) || Json.present(node.get("error_code"))
                || Json.present(node.get("errorMessage")) || Json.present(node.get("error_message"))
                || (code != null && code != 0);
    }

    private static Integer errorCode(JsonNode node) {
        Integer code = Json.integer(node, "errorCode", "error_code", "code");
        if (code == null && node.path("error").isObject()) {
            code = Json.integer(node.get("error"), "code");
        }
        return code;
    }

    private static String errorMessage(JsonNode node) {
        JsonNode error = node.get("error");
        if (error != null && error.isObject()) {
            String inner = Json.text(error, "message", "msg", "detail");
            if (inner != null) {
                return inner;
            }
        }
        String message = Json.text(node, "errorMessage", "error_message", "message", "msg", "error", "content", "detail");
        // Agent events name errors with words ("SAFETY"), which are worth keeping next to the message.
        String named = Json.text(node, "errorCode", "error_code");
        if (named != null && !named.matches("-?\\d+")) {
            return message == null ? named : named + ": " + message;
        }
        return message;
    }
}
