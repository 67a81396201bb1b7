package mp4drop.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckedRouteReloadTest {
    /** The settings a running mp4drop reads its routes with. */
    private static final PropertiesComponent SHIPPED = shipped();

    @TempDir
    Path folder;

    @Test
    void everyShippedRouteFileReadsWithoutError() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                assertThat(CheckedRouteReload.problemIn(resource(file), SHIPPED)).as(file.toString()).isNull();
            }
        }
    }

    @Test
    void aTypoIsRefusedWithItsPlace() throws Exception {
        Path broken = folder.resolve("20-cloud.camel.yaml");
        Files.writeString(broken, Files.readString(Path.of("routes/20-cloud.camel.yaml")).replace("- filter:", "- filtre:"));

        assertThat(CheckedRouteReload.problemIn(resource(broken), SHIPPED)).contains("filtre").contains("line");
    }

    @Test
    void brokenIndentationIsRefused() throws Exception {
        Path broken = folder.resolve("30-local.camel.yaml");
        Files.writeString(broken, "- route:\n    id: x\n   from:\n  uri: direct:x\n");

        assertThat(CheckedRouteReload.problemIn(resource(broken), SHIPPED)).isNotNull();
    }

    private static PropertiesComponent shipped() {
        PropertiesComponent settings = new DefaultCamelContext(false).getPropertiesComponent();
        settings.setLocation("file:config/application.properties");
        return settings;
    }

    private static Resource resource(Path file) {
        return ResourceHelper.resolveResource(new DefaultCamelContext(false), "file:" + file.toAbsolutePath());
    }
}
