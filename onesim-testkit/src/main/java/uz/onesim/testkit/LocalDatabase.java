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
import java.util.concurrent.ConcurrentLinkedDeque;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * One database of a {@link LocalPostgres} server. Runs SQL as any {@link Identity} the way
 * PostgREST does: in a transaction, {@code set_config('role', …, true)} and
 * {@code set_config('request.jwt.claims', …, true)}, then the statements. Thread-safe: each call
 * borrows a connection of its own from a small pool (role and claims are transaction-local, so a
 * returned connection carries nothing over) and {@link #connect()} always opens a new one.
 */
public final class LocalDatabase {
  static final String USER = "postgres";
  static final String PASSWORD = "postgres";

  private static final int MAX_IDLE = 8;

  private final int port;
  private final String name;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

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

  /**
   * Records the database's current content (every table of every schema but the migration
   * history, and every sequence) as the state {@link #resetToBaseline()} returns to. Call it once,
   * right after the database is set up; calling it again replaces the baseline.
   */
  public void markBaseline() {
    executeScript(LocalDatabase.resource("baseline.sql") + "\nselect testkit_baseline.mark();");
  }

  /**
   * Puts every table and sequence back to what {@link #markBaseline()} recorded, in one
   * transaction as the owner (triggers off while the rows are copied back, so counters, ledgers
   * and audit rows come back exactly as they were). Takes tens of milliseconds; waits at most
   * 10 s for locks, so a test that left a transaction open fails here instead of hanging.
   */
  public void resetToBaseline() {
    inTransaction(Identity.superuser(), c -> {
      try (Statement s = c.createStatement()) {
        s.execute("set local lock_timeout = '10s'; select testkit_baseline.restore()");
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
    Connection c = borrow();
    boolean reusable = false;
    try {
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
        reusable = true;
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        reusable = !(e instanceof SQLException sql) || sql.getSQLState() == null || !sql.getSQLState().startsWith("08");
        throw e;
      }
    } catch (SQLException e) {
      throw new DatabaseException(e);
    } finally {
      giveBack(c, reusable);
    }
  }

  private Connection borrow() {
    for (Connection c; (c = idle.pollFirst()) != null; ) {
      try {
        if (!c.isClosed()) {
          return c;
        }
      } catch (SQLException ignored) {
        // closed underneath us: open another
      }
    }
    return connect();
  }

  private void giveBack(Connection c, boolean reusable) {
    if (reusable && idle.size() < MAX_IDLE) {
      idle.offerFirst(c);
      return;
    }
    closeQuietly(c);
  }

  /** Closes the pooled connections (e.g. before the database is dropped); later calls open new ones. */
  public void closeConnections() {
    for (Connection c; (c = idle.pollFirst()) != null; ) {
      closeQuietly(c);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // nothing to do: the connection is gone either way
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
