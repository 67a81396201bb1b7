package mp4drop.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import mp4drop.failure.InvalidSetting;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The settings as mp4drop sees them: config/application.properties, each of its keys overridden by the
 * environment variable named the Camel way, and overrides on top. The commands that answer a question read
 * them here; the pipeline hands the same overrides to Camel Main, so that Camel's own keys
 * ({@code camel.management.port}) follow the environment exactly as mp4drop's do.
 */
public final class CommandProperties {
    /** Where the settings file is, relative to the mp4drop folder that run.sh works in. */
    public static final String LOCATION = "file:config/application.properties";
    private static final Path FILE = Path.of(LOCATION.substring("file:".length()));

    private CommandProperties() {
    }

    public static TypedProperties load(Map<String, String> overrides) {
        DefaultCamelContext context = new DefaultCamelContext(false);
        context.build();
        context.getPropertiesComponent().setLocation(LOCATION);
        Properties override = new Properties();
        override.putAll(overrides);
        context.getPropertiesComponent().setOverrideProperties(override);
        return new TypedProperties(key -> context.getPropertiesComponent().resolveProperty(key));
    }

    /**
     * The values that win over the settings file: for each of its keys that the environment sets, the
     * variable named the Camel way (upper case, dots and dashes as underscores).
     */
    public static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> winning = new LinkedHashMap<>();
        for (String key : keys()) {
            String value = environment.get(InvalidSetting.environmentVariable(key));
            if (value != null) {
                winning.put(key, value);
            }
        }
        return winning;
    }

    /** The keys config/application.properties sets. */
    public static Set<String> keys() {
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(FILE)) {
            file.load(reader);
        } catch (IOException e) {
            throw new InvalidSetting("Cannot read " + FILE.toAbsolutePath() + " (" + e.getMessage()
                    + "): mp4drop runs in its own folder, which run.sh goes to");
        }
        return file.stringPropertyNames();
    }
}
