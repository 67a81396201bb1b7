package mp4drop.job;

import java.nio.file.Path;

/**
 * What one file gets: its engine and instruction, why (so the log can say where a surprising instruction
 * came from), and the folder below the root it came from, so the outbox can mirror the inbox's layout.
 *
 * @param outputSubPath the file's folder relative to the root; the empty path for a file at the root
 */
public record FileInstructions(String engine, String instruction, String reason, Path outputSubPath) {
}
