package mp4drop;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/** The shipped configuration and routes start together, each stage a route of its own. */
@CamelMainTest(
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "mp4drop.engine=local",
            "mp4drop.inbox=target/routes-test/inbox",
            "mp4drop.outbox=target/routes-test/outbox",
            "mp4drop.failed=target/routes-test/failed",
            "mp4drop.archive=target/routes-test/archive",
            "mp4drop.state=target/routes-test/state",
            "mp4drop.batch=target/routes-test/batch",
            "camel.management.enabled=false"
        })
class RoutesTest {
    @BeanInject
    CamelContext context;

    @Test
    void everyStageIsARouteOfItsOwn() {
        assertThat(context.getRoutes()).extracting(route -> route.getRouteId()).contains(
                "inbox", "take-file", "convert", "cloud-convert", "local-convert", "publish", "job-tick",
                "resume-job", "nightly-batch", "batch-run", "batch-file", "run-monitor");
        assertThat(context.getRoute("inbox").getConfigurationId()).isEqualTo("failure-policy");
    }
}
