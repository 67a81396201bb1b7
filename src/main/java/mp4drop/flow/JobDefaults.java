package mp4drop.flow;

import java.nio.file.Path;

/** The engine and instruction a new file gets. */
public final class JobDefaults {
    public record Choice(String engine, String instruction) {
    }

    private final String engine;
    private final String instruction;

    public JobDefaults(String engine, String instruction) {
        this.engine = engine;
        this.instruction = instruction;
    }

    public Choice forFile(Path source) {
        return new Choice(engine, instruction);
    }
}
