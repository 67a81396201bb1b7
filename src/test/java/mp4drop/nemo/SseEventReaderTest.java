package mp4drop.nemo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventReaderTest {

    private static List<SseEvent> read(String stream) throws IOException {
        SseEventReader reader = new SseEventReader(new StringReader(stream));
        List<SseEvent> events = new ArrayList<>();
        SseEvent event;
        while ((event = reader.next()) != null) {
            events.add(event);
        }
        return events;
    }

    @Test
    void blankLinesSeparateEventsAndDataLinesAreJoined() throws IOException {
        List<SseEvent> events = read("data: {\"a\":1}\n\ndata: line one\ndata: line two\n\n");
        assertThat(events).extracting(SseEvent::data).containsExactly("{\"a\":1}", "line one\nline two");
        assertThat(events).noneMatch(SseEvent::heartbeat);
    }

    @Test
    void commentsAndEmptyDataAreHeartbeats() throws IOException {
        List<SseEvent> events = read(": keep-alive\n\ndata:\n\ndata: \n\n: ping\ndata: x\n\n");
        assertThat(events).extracting(SseEvent::heartbeat).containsExactly(true, true, true, false);
        assertThat(events.get(3).data()).isEqualTo("x");
    }

    @Test
    void eventIdAndRetryFieldsAreIgnored() throws IOException {
        List<SseEvent> events = read("event: message\nid: 7\nretry: 1000\ndata: hello\n\nevent: ping\n\n");
        assertThat(events).extracting(SseEvent::data).containsExactly("hello", "");
        assertThat(events.get(1).heartbeat()).isTrue();
    }

    @Test
    void crlfLineEndsExtraBlankLinesAndAnUnterminatedLastEvent() throws IOException {
        List<SseEvent> events = read("\uFEFFdata: one\r\n\r\n\r\n\r\ndata:two\r\ndata: three");
        assertThat(events).extracting(SseEvent::data).containsExactly("one", "two\nthree");
    }

    @Test
    void onlyTheFirstSpaceAfterTheColonIsDropped() throws IOException {
        assertThat(read("data:   indented\n\n")).extracting(SseEvent::data).containsExactly("  indented");
    }

    @Test
    void emptyStreamHasNoEvents() throws IOException {
        assertThat(read("")).isEmpty();
        assertThat(read("\n\n")).isEmpty();
    }
}
