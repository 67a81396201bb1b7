package mp4drop.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import mp4drop.job.AtomicFile;

/**
 * This instance's name in the cluster: mp4drop.cluster.node, else the host name with a short random tail
 * made once and kept in the state folder, so two instances on one host differ and a restart keeps its name.
 */
public final class NodeName {
    static final String FILE = "node-name";

    private NodeName() {
    }

    public static String of(String configured, Path stateDir) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        Path file = stateDir.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                String kept = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!kept.isEmpty()) {
                    return kept;
                }
            }
            String made = host() + "-" + UUID.randomUUID().toString().substring(0, 4);
            AtomicFile.write(file, made.getBytes(StandardCharsets.UTF_8), AtomicFile.OWNER_ONLY);
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep this instance's name in " + file, e);
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "mp4drop";
        }
    }
}
