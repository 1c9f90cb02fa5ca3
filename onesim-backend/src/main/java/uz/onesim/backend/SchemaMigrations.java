package uz.onesim.backend;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import uz.onesim.core.SchemaLayout;

/**
 * Applies OneSIM's schema migrations (shipped in {@code onesim-core}) to the production database
 * with Flyway, before a new version of the backend starts. Connect as the database owner
 * ({@code postgres} on Supabase: the direct or session-pooler connection string, not the API roles
 * and not the transaction pooler). Flyway's history lives in its own schema {@code flyway}; a
 * database that already holds the shop tables is baselined at version 1. Safe to run again: it
 * applies only what is pending. See docs/operations.md.
 *
 * <pre>{@code
 * SchemaMigrations.migrate(System.getenv("ONESIM_DATABASE_URL"), "postgres", System.getenv("ONESIM_DATABASE_PASSWORD"));
 * }</pre>
 */
public final class SchemaMigrations {
  private SchemaMigrations() {}

  /** Flyway configured for OneSIM on {@code dataSource}. */
  public static Flyway flyway(DataSource dataSource) {
    return configure().dataSource(dataSource).load();
  }

  /** Flyway configured for OneSIM on a JDBC URL ({@code jdbc:postgresql://host:5432/postgres?sslmode=require}). */
  public static Flyway flyway(String jdbcUrl, String user, String password) {
    return configure().dataSource(jdbcUrl, user, password).load();
  }

  /** Applies every pending migration; returns what Flyway did. */
  public static MigrateResult migrate(DataSource dataSource) {
    return flyway(dataSource).migrate();
  }

  /** Applies every pending migration; returns what Flyway did. */
  public static MigrateResult migrate(String jdbcUrl, String user, String password) {
    return flyway(jdbcUrl, user, password).migrate();
  }

  private static FluentConfiguration configure() {
    return Flyway.configure()
        .locations(SchemaLayout.LOCATION)
        .schemas(SchemaLayout.HISTORY_SCHEMA, "public")
        .defaultSchema(SchemaLayout.HISTORY_SCHEMA)
        // the history schema is created here, not by Flyway: a schema Flyway creates makes it skip
        // the baseline, which would re-run V1 on a database that already has the shop
        .initSql(SchemaLayout.INIT_SQL)
        .createSchemas(false)
        .baselineOnMigrate(true)
        .baselineVersion(SchemaLayout.BASELINE_VERSION)
        .baselineDescription(SchemaLayout.BASELINE_DESCRIPTION);
  }
}
