package mp4drop.report;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;

/**
 * {@code %oneLineMsg} in the log pattern: the message with control characters escaped, so a file name
 * holding a newline or a terminal escape still makes one readable line ({@code clip\nB.avi}), and can
 * neither forge a second log line nor recolour the terminal.
 */
@Plugin(name = "OneLineMessage", category = PatternConverter.CATEGORY)
@ConverterKeys({"oneLineMsg"})
public final class OneLineMessage extends LogEventPatternConverter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private OneLineMessage() {
        super("OneLineMessage", "message");
    }

    public static OneLineMessage newInstance(String[] options) {
        return new OneLineMessage();
    }

    @Override
    public void format(LogEvent event, StringBuilder toAppendTo) {
        escape(event.getMessage().getFormattedMessage(), toAppendTo);
    }

    static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\u001b' -> out.append("\\e");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append("\\x").append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
