package mp4drop.cluster;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import mp4drop.nemo.SecretStore;

/** The cluster's one cloud identity: the anonymous client id and its token, in the database. */
public final class DatabaseSecrets implements SecretStore {
    private final ClusterDatabase db;

    public DatabaseSecrets(ClusterDatabase db) {
        this.db = db;
    }

    /** The identity kept in the database of these jobs. */
    public static DatabaseSecrets beside(PostgresJobStore jobs) {
        return new DatabaseSecrets(jobs.database());
    }

    @Override
    public Optional<String> read(String name) {
        return db.waitFor(c -> {
            try (PreparedStatement statement = c.prepareStatement("SELECT value FROM mp4drop_secret WHERE name = ?")) {
                statement.setString(1, name);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public void write(String name, String value) {
        db.waitFor(c -> JobRows.update(c, "INSERT INTO mp4drop_secret (name, value) VALUES (?, ?) "
                + "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = now()", name, value));
    }

    @Override
    public String readOrKeep(String name, String made) {
        db.waitFor(c -> JobRows.update(c, "INSERT INTO mp4drop_secret (name, value) VALUES (?, ?) "
                + "ON CONFLICT (name) DO NOTHING", name, made));
        return read(name).orElseThrow();
    }
}
