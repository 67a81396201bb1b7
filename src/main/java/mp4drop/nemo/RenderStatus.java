package mp4drop.nemo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * One look at a render. Both answer shapes seen ({@code {status,progress,output:{url,size}}} and
 * {@code {status,progress,outputUrl}} inside {@code data}) read into this.
 *
 * @param id         the render id, when the answer repeats it
 * @param status     pending, processing, completed, failed (lower case; "" when missing)
 * @param progress   0–100, when given
 * @param outputUrl  the MP4's URL, when given
 * @param outputSize its size in bytes, when given
 * @param error      the server's reason for a failure, when given
 */
public record RenderStatus(String id, String status, Integer progress, String outputUrl, Long outputSize,
        String error) {

    static RenderStatus of(JsonNode data) {
        JsonNode output = data.get("output");
        String url = Json.text(data, "outputUrl", "output_url");
        if (url == null && output != null && output.isObject()) {
            url = Json.text(output, "url");
        }
        Long size = output != null && output.isObject() ? Json.number(output, "size") : null;
        JsonNode error = data.get("error");
        String reason = error != null && error.isObject() ? Json.text(error, "message", "msg")
                : Json.text(data, "error", "error_message", "errorMessage");
        String status = Json.text(data, "status");
        return new RenderStatus(Json.text(data, "id"), status == null ? "" : status.trim().toLowerCase(Locale.ROOT),
                Json.integer(data, "progress"), url == null || url.isBlank() ? null : url.trim(), size, reason);
    }

    /** Completed and with a URL: a completed render without one is not done yet. */
    public boolean isDone() {
        return status.equals("completed") && outputUrl != null;
    }

    public boolean isFailed() {
        return status.equals("failed") || status.equals("error") || status.equals("cancelled")
                || status.equals("canceled");
    }
}
