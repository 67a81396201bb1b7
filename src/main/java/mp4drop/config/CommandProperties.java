package mp4drop.config;

import java.util.Map;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The same settings the pipeline reads (config/application.properties, the environment, overrides), for
 * the commands that answer a question and exit without starting any route.
 */
public final class CommandProperties {
    /** Where the settings file is, relative to the mp4drop folder that run.sh works in. */
    public static final String LOCATION = "file:config/application.properties";
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
}
