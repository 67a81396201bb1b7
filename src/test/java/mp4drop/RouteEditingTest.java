package mp4drop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README's worked example: a step added to routes/40-publish.camel.yaml copies every MP4 to a second folder. */
class RouteEditingTest extends AgainstStandIn {
    static final String ADDED_STEP = """
                    # added: a copy of every finished MP4 for the family NAS
                    - setBody:
                        simple: ${exchangeProperty.job.outputFile}
                    - setHeader:
                        name: CamelFileName
                        simple: ${body.name}
                    - to:
                        uri: file:{{nas.folder}}
            """;

    @Test
    void theReadmeExampleStepCopiesEachMp4() throws Exception {
        Path routes = Files.createDirectories(root.resolve("routes"));
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        Path publish = routes.resolve("40-publish.camel.yaml");
        Files.writeString(publish, Files.readString(publish) + ADDED_STEP);
        Path nas = root.resolve("nas");
        Pipeline pipeline = cloudPipeline()
                .set("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml")
                .set("nas.folder", nas.toString());
        pipeline.drop("wedding.avi", TestVideos.video(1));

        assertThat(pipeline.runOnce(Duration.ofSeconds(60))).isEqualTo(0);

        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("wedding.mp4");
        assertThat(Pipeline.names(nas)).containsExactly("wedding.mp4");
        assertThat(Files.readAllBytes(nas.resolve("wedding.mp4")))
                .isEqualTo(Files.readAllBytes(pipeline.outbox.resolve("wedding.mp4")));
    }
}
