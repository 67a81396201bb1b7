package mp4drop.cluster;

import java.sql.Connection;
import java.sql.SQLException;

/** One unit of work on a connection of the pool, run in a transaction of its own. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
