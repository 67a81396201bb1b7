package mp4drop.job;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The application's one Jackson mapper: job records, error files, webhook messages and the NemoVideo
 * API's answers. Timestamps are written as readable ISO text; a record or answer with fields this mp4drop
 * does not know is still read (a newer mp4drop, or an API that grew a field).
 */
public final class JsonMapping {
    /** Configured once, never changed afterwards: safe to share between threads. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JsonMapping() {
    }
}
