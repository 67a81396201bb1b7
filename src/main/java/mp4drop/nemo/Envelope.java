package mp4drop.nemo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * One answer of the API with its envelope taken off. Three envelopes exist and are tried in this order:
 * {@code {"code":0,"message","data"}}, {@code {"success":…,"data"|"error"}}, then a bare object.
 *
 * @param data     the payload when the answer is a success, else null
 * @param apiCode  the business code of an error, when the body had one
 * @param message  the server's own words about an error
 * @param unusable why a 2xx answer cannot be used (empty, not JSON), else null
 */
record Envelope(JsonNode data, Integer apiCode, String message, String unusable) {

    boolean ok() {
        return data != null;
    }

    static Envelope read(int httpStatus, String body) {
        boolean success = httpStatus >= 200 && httpStatus < 300;
        JsonNode root = Json.parseOrNull(body);
        if (root == null) {
            String why = body == null || body.isBlank() ? "an empty answer" : "an answer that is not JSON";
            return new Envelope(null, null, null, success ? why : null);
        }
        if (root.isObject() && isCode(root.get("code"))) {
            int code = Json.integer(root, "code");
            if (code != 0) {
                return failure(code, root);
            }
            return success ? new Envelope(payload(root), null, null, null) : failure(null, root);
        }
        if (root.isObject() && root.path("success").isBoolean()) {
            if (!root.get("success").asBoolean()) {
                return failure(errorCode(root), root);
            }
            return success ? new Envelope(payload(root), null, null, null) : failure(null, root);
        }
        if (success) {
            return new Envelope(root, null, null, null);
        }
        return failure(errorCode(root), root);
    }

    private static boolean isCode(JsonNode node) {
        return node != null && (node.isIntegralNumber() || (node.isTextual() && node.asText().trim().matches("-?\\d+")));
    }

    private static JsonNode payload(JsonNode root) {
        JsonNode data = root.get("data");
        return data == null ? NullNode.getInstance() : data;
    }

    private static Envelope failure(Integer code, JsonNode root) {
        return new Envelope(null, code, errorText(root), null);
    }

    /** A code hidden in a bare or success:false body: errorCode, error_code or error.code. */
    private static Integer errorCode(JsonNode root) {
        Integer code = Json.integer(root, "errorCode", "error_code", "code");
        if (code == null && root.path("error").isObject()) {
            code = Json.integer(root.get("error"), "code");
        }
        return code;
    }

    private static String errorText(JsonNode root) {
        JsonNode error = root.get("error");
        if (error != null && error.isObject()) {
            String inner = Json.text(error, "message", "msg", "detail");
            if (inner != null) {
                return inner;
            }
        }
        return Json.text(root, "message", "msg", "errorMessage", "error_message", "error", "detail");
    }
}
