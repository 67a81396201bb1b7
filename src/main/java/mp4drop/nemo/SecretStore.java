package mp4drop.nemo;

import java.util.Optional;

/**
 * Where the anonymous client id and its token are kept: the state folder of a single machine, or the
 * cluster's database, so that every instance uses one cloud identity.
 */
public interface SecretStore {
    Optional<String> read(String name);

    /** Replaces the value kept under {@code name} whole. */
    void write(String name, String value);

    /** The value kept under {@code name}; else {@code made}, kept now. Of instances racing, the first kept wins. */
    String readOrKeep(String name, String made);
}
