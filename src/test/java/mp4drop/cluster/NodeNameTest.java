package mp4drop.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeNameTest {
    @TempDir
    Path state;

    @Test
    void aConfiguredNameWinsElseAMadeOneIsKeptAcrossRestarts() {
        String made = NodeName.of("", state);

        assertThat(made).matches(".+-[0-9a-f]{4}");
        assertThat(NodeName.of(" ", state)).isEqualTo(made);
        assertThat(NodeName.of("render-box-2", state)).isEqualTo("render-box-2");
    }
}
