package mp4drop.notify;

import mp4drop.config.Mp4dropBeans;
import mp4drop.config.TypedProperties;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/** The shipped routes/60-notify.camel.yaml alone, with the shipped settings and wiring, posting to a test's receiver. */
final class NotifyRoute implements AutoCloseable {
    private final Main main = new Main();
    final Webhook webhook;

    /** @param settings {@code key=value} pairs over the shipped settings */
    NotifyRoute(String url, String... settings) throws Exception {
        main.setDefaultPropertyPlaceholderLocation("file:config/application.properties");
        main.addOverrideProperty("camel.main.routes-include-pattern", "file:routes/60-notify.camel.yaml");
        main.addOverrideProperty("camel.main.configuration-classes", WebhookOnly.class.getName());
        main.addOverrideProperty("camel.management.enabled", "false");
        main.addOverrideProperty("mp4drop.webhook.url", url);
        for (String setting : settings) {
            main.addOverrideProperty(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
        }
        main.start();
        webhook = main.getCamelContext().getRegistry().lookupByNameAndType("webhook", Webhook.class);
    }

    @Override
    public void close() {
        main.stop();
    }

    /** Of Mp4dropBeans, only the webhook. */
    public static final class WebhookOnly implements CamelConfiguration {
        @Override
        public void configure(CamelContext context) throws Exception {
            Mp4dropBeans.webhook(context,
                    new TypedProperties(key -> context.getPropertiesComponent().resolveProperty(key)));
        }
    }
}
