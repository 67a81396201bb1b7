package mp4drop.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.http.HttpServerRequest;
import java.io.UncheckedIOException;
import java.util.Map;
import mp4drop.job.JsonMapping;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * How the web routes answer. The request's headers are dropped first: platform-http would otherwise copy
 * every header of the message (the request's cookie and authorization among them) into the response.
 */
final class WebAnswer {
    static final String JSON = "application/json; charset=utf-8";

    private WebAnswer() {
    }

    static void json(Message message, int status, Object body) {
        send(message, status, JSON, text(body), Map.of());
    }

    static void send(Message message, int status, String contentType, Object body, Map<String, String> headers) {
        if (message instanceof HttpMessage http) {
            // set on the response itself: platform-http's header filter drops Cache-Control from the message
            http.getResponse().putHeader("Cache-Control", "no-store");
        }
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        headers.forEach(message::setHeader);
        message.setBody(body);
    }

    /** The body of an error answer: {"error": "a sentence saying what to do"}. */
    static String errorJson(String sentence) {
        return text(Map.of("error", sentence));
    }

    private static String text(Object body) {
        try {
            return JsonMapping.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * After a refusal of a request whose body was left unread (an upload), the rest of it is read and thrown
     * away, so the browser gets to read the answer instead of a connection reset; the connection is closed
     * afterwards.
     */
    static void dropUnreadBody(HttpServerRequest request) {
        if (request.isEnded()) {
            return;
        }
        request.response().putHeader("Connection", "close");
        request.handler(ignored -> { });
        request.exceptionHandler(ignored -> { });
        request.endHandler(ignored -> { });
        request.resume();
    }
}
