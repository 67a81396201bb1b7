package mp4drop.nemo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Splits a text/event-stream into events as the bytes arrive. Follows the SSE rules the contract lists:
 * a blank line ends an event, {@code :} lines are comments, {@code event:}/{@code id:}/{@code retry:} are
 * ignored, and several {@code data:} lines are joined with a newline.
 */
public final class SseEventReader {
    private final BufferedReader in;
    private boolean firstLine = true;

    public SseEventReader(Reader in) {
        this.in = in instanceof BufferedReader buffered ? buffered : new BufferedReader(in);
    }

    /** The next event, or null when the stream has ended. An unterminated last event is still returned. */
    public SseEvent next() throws IOException {
        StringBuilder data = null;
        boolean sawAnything = false;
        String line;
        while ((line = in.readLine()) != null) {
            if (firstLine) {
                firstLine = false;
                if (line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
            }
            if (line.isEmpty()) {
                if (sawAnything) {
                    return event(data);
                }
                continue;
            }
            sawAnything = true;
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            if (!field.equals("data")) {
                continue;
            }
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (data == null) {
                data = new StringBuilder(value);
            } else {
                data.append('\n').append(value);
            }
        }
        return sawAnything ? event(data) : null;
    }

    private static SseEvent event(StringBuilder data) {
        String text = data == null ? "" : data.toString();
        return new SseEvent(text, text.isBlank());
    }
}
