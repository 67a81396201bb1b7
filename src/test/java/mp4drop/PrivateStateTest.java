package mp4drop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The state folder holds the token and the CDN links of every upload and render: only its owner may look. */
class PrivateStateTest extends AgainstStandIn {

    @Test
    void afterARunTheStateFolderItsJobsAndErrorFilesAreOwnerOnly() throws Exception {
        Pipeline pipeline = cloudPipeline();
        Files.createDirectories(pipeline.state);
        Files.setPosixFilePermissions(pipeline.state, PosixFilePermissions.fromString("rwxr-xr-x"));
        pipeline.drop("holiday.avi", new byte[] {1, 2, 3});
        pipeline.drop("empty.avi", new byte[0]);

        assertThat(pipeline.runOnce(Duration.ofSeconds(60))).isEqualTo(1);

        assertThat(rights(pipeline.state)).isEqualTo("rwx------");
        assertThat(rights(pipeline.state.resolve("jobs"))).isEqualTo("rwx------");
        List<Path> stateFiles = everythingIn(pipeline.state);
        assertThat(stateFiles).anyMatch(file -> file.toString().endsWith(".json"));
        assertThat(stateFiles).allSatisfy(file ->
                assertThat(rights(file)).as(file.toString()).isIn("rw-------", "rwx------"));
        assertThat(rights(pipeline.failed.resolve("empty.avi.error.json"))).isEqualTo("rw-------");
    }

    private static List<Path> everythingIn(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.toList();
        }
    }

    private static String rights(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
