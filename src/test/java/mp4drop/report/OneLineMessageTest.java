package mp4drop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.junit.jupiter.api.Test;

class OneLineMessageTest {

    @Test
    void theShippedLogPrintsANameWithANewlineOrControlCharactersEscapedOnOneLine() throws Exception {
        URI shipped = Path.of("src/main/resources/log4j2.properties").toUri();
        Configuration config = new PropertiesConfigurationFactory()
                .getConfiguration(null, ConfigurationSource.fromUri(shipped));
        config.initialize();
        Layout<?> layout = config.getAppender("out").getLayout();

        String line = new String(layout.toByteArray(Log4jLogEvent.newBuilder()
                .setLoggerName("mp4drop").setLevel(Level.INFO)
                .setMessage(new ParameterizedMessage("{}: taken from the inbox", "clip\n12:00:00 ERROR forged\ttab"
                        + "\u001b[31mred\u0007\u009b.avi"))
                .build()), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d INFO  .*\n")
                .endsWith("INFO  clip\\n12:00:00 ERROR forged\\ttab\\e[31mred\\x07\\x9b.avi: taken from the inbox\n");
    }

    @Test
    void ordinaryTextIsLeftAsItIs() {
        StringBuilder out = new StringBuilder();
        OneLineMessage.escape("Camcorder tape 3 (1998) – Großmutter.avi", out);
        assertThat(out).hasToString("Camcorder tape 3 (1998) – Großmutter.avi");
    }
}
