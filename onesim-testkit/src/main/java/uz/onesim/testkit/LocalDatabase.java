package uz.onesim.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * One database of a {@link LocalPostgres} server. Runs SQL as any {@link Identity} the way
 * PostgREST does: in a transaction, {@code set_config('role', …, true)} and
 * {@code set_config('request.jwt.claims', …, true)}, then the statements. Thread-safe: every call
 * uses its own connection.
 */
public final class LocalDatabase {
  static final String USER = "postgres";
  static final String PASSWORD = "postgres";

  private final int port;
  private final String name;

  LocalDatabase(int port, String name) {
    this.port = port;
    this.name = name;
  }

  /** The database's name. */
  public String name() {
    return name;
  }

  /** The port PostgreSQL listens on (127.0.0.1). */
  public int port() {
    return port;
  }

  /** JDBC URL for the owner ({@code postgres}, password {@code postgres}). */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
  }

  /** A new connection as the database owner; the caller closes it. */
  public Connection connect() {
    try {
      return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  /** Applies the OneSIM migrations. */
  public MigrateResult migrate() {
    return Migrations.migrate(jdbcUrl(), USER, PASSWORD);
  }

  /** Loads the spec's sample data (Grand Travel Tour, its customers, the Antalya group, a catalogue); see {@link SampleData}. */
  public void loadSampleData() {
    executeScript(resource("sample-data.sql"));
  }

  /** Runs a whole SQL script as the owner, the way {@code psql -f} would. */
  public void executeScript(String sql) {
    inTransaction(Identity.superuser(), c -> {
      try (Statement s = c.createStatement()) {
        s.execute(sql);
      }
      return null;
    });
  }

  /** Runs {@code work} in a transaction as {@code who} and commits; rolls back if it throws. */
  public <T> T inTransaction(Identity who, SqlWork<T> work) {
    return transaction(who, work, true);
  }

  /** Runs {@code work} as {@code who} and always rolls back. */
  public <T> T inRolledBackTransaction(Identity who, SqlWork<T> work) {
    return transaction(who, work, false);
  }

  /** Rows of a query as column → value maps (in column order). */
  public List<Map<String, Object>> query(Identity who, String sql, Object... params) {
    return inTransaction(who, c -> {
      try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
        return rows(rs);
      }
    });
  }

  /** The first column of the single row a query returns (or null when it returns none). */
  public Object value(Identity who, String sql, Object... params) {
    List<Map<String, Object>> rows = query(who, sql, params);
    if (rows.size() > 1) {
      throw new IllegalStateException("expected at most one row, got " + rows.size() + " from: " + sql);
    }
    return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
  }

  /** Runs an INSERT/UPDATE/DELETE and returns the affected row count. */
  public int update(Identity who, String sql, Object... params) {
    return inTransaction(who, c -> {
      try (PreparedStatement ps = prepare(c, sql, params)) {
        return ps.executeUpdate();
      }
    });
  }

  private <T> T transaction(Identity who, SqlWork<T> work, boolean commit) {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      try {
        if (who.role() != null) {
          try (PreparedStatement ps = c.prepareStatement(
              "select set_config('role', ?, true), set_config('request.jwt.claims', ?, true)")) {
            ps.setString(1, who.role());
            ps.setString(2, who.claimsJson());
            ps.execute();
          }
        }
        T result = work.run(c);
        if (commit) {
          c.commit();
        } else {
          c.rollback();
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  /** A statement with parameters bound; {@code UUID[]} and {@code String[]} become SQL arrays. */
  public static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      if (p instanceof UUID[] uuids) {
        ps.setArray(i + 1, c.createArrayOf("uuid", uuids));
      } else if (p instanceof String[] strings) {
        ps.setArray(i + 1, c.createArrayOf("text", strings));
      } else {
        ps.setObject(i + 1, p);
      }
    }
    return ps;
  }

  static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<Map<String, Object>> out = new ArrayList<>();
    while (rs.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        row.put(md.getColumnLabel(i), rs.getObject(i));
      }
      out.add(row);
    }
    return out;
  }

  static String resource(String name) {
    try (InputStream in = LocalDatabase.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing testkit resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "LocalDatabase[" + jdbcUrl() + "]";
  }
}
