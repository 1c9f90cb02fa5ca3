package uz.onesim.core;

/**
 * Where OneSIM's schema migrations live and how they are run, stated once for every runner (the
 * backend's {@code SchemaMigrations} for production, the testkit's {@code Migrations} for tests):
 * Flyway's history in its own schema (never the API-exposed {@code public}), a database that
 * already holds the shop tables baselined at version 1. No JDBC here: just the facts.
 */
public final class SchemaLayout {
  /** The classpath location of the migrations in {@code onesim-core}. */
  public static final String LOCATION = "classpath:db/migration";
  /** The schema holding Flyway's history table. */
  public static final String HISTORY_SCHEMA = "flyway";
  /** The version a database with the existing shop tables is baselined at. */
  public static final String BASELINE_VERSION = "1";
  /** Why it is baselined there. */
  public static final String BASELINE_DESCRIPTION = "existing OneSIM Shop tables";
  /**
   * The highest versioned migration this SDK ships ({@code V<n>__…}); the backend's health reports a
   * database below it as not migrated. {@code MigrationTest} checks it against the resources.
   */
  public static final int LATEST_VERSION = 33;
  /** Run before Flyway looks at the database: it creates the history schema itself (see the runners). */
  public static final String INIT_SQL = "set client_min_messages = warning; create schema if not exists " + HISTORY_SCHEMA;

  private SchemaLayout() {}
}
