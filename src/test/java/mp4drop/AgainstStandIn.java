package mp4drop;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests that run the pipeline in a temporary folder against WireMock playing NemoVideo. */
abstract class AgainstStandIn {
    @TempDir
    Path root;

    NemoStandIn nemo;

    @BeforeEach
    void startStandIn() {
        nemo = new NemoStandIn().start();
    }

    @AfterEach
    void stopStandIn() {
        nemo.stop();
    }

    /** The pipeline in {@link #root}, sending every file to the stand-in. */
    Pipeline cloudPipeline() {
        return new Pipeline(root).cloudAt(nemo.url());
    }
}
