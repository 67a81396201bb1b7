package mp4drop.config;

import java.util.Collection;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads a route file when it is saved, but only once it has been read without error into a scratch
 * context: Camel's own reloader would first remove the running routes, and a typo would leave mp4drop
 * with none until the next good save.
 */
public final class CheckedRouteReload extends RouteWatcherReloadStrategy {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");

    public CheckedRouteReload(String directory) {
        super(directory, false);
        setPattern("*.camel.yaml");
    }

    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        for (Resource resource : resources) {
            String problem = problemIn(resource, getCamelContext().getPropertiesComponent());
            if (problem != null) {
                LOG.warn("Route file {} was not reloaded, the running routes stay: {}", resource.getLocation(),
                        problem);
                return;
            }
        }
        super.onRouteReload(resources, removeEverything);
        LOG.info("Reloaded {}", resources.stream().map(Resource::getLocation).toList());
    }

    /** @param settings the running application's: some route parts (the REST DSL's) read them while loading */
    static String problemIn(Resource resource, PropertiesComponent settings) {
        try (DefaultCamelContext scratch = new DefaultCamelContext(false)) {
            scratch.getPropertiesComponent().setInitialProperties(settings.loadProperties());
            scratch.build();
            PluginHelper.getRoutesLoader(scratch).loadRoutes(resource);
            return null;
        } catch (Exception e) {
            Throwable cause = e;
            StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
                message.append(": ").append(cause.getMessage());
            }
            return message.toString();
        }
    }
}
