package mp4drop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first ./run.sh builds the application: it says so and shows Maven's steps, in plain text. */
class FirstBuildTest {
    @TempDir
    Path checkout;

    @Test
    void theFirstBuildShowsMavensProgressWithoutEscapeCodesWhenPiped() throws Exception {
        for (String part : new String[] {"pom.xml", "run.sh", "src/main", "config", "routes"}) {
            copy(Path.of(part), checkout.resolve(part));
        }
        Path stderr = checkout.resolve("stderr.txt");
        Process run = new ProcessBuilder("./run.sh", "status").directory(checkout.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        try {
            assertThat(run.waitFor(10, TimeUnit.MINUTES)).as("the build ends").isTrue();
        } finally {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }

        String printed = Files.readString(stderr, StandardCharsets.UTF_8);
        assertThat(run.exitValue()).as(printed).isZero();
        assertThat(printed).startsWith("Building mp4drop with Maven")
                .contains("[INFO] Building mp4drop").contains("[INFO] BUILD SUCCESS")
                .doesNotContain("\u001b").doesNotContain("Downloading from");
        assertThat(checkout.resolve("target/mp4drop.jar")).exists();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
