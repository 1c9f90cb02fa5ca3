package uz.onesim.testkit;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on a connection inside {@link LocalDatabase#inTransaction}. */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
