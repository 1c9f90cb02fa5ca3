package uz.onesim.testkit;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import uz.onesim.testkit.internal.TestkitLog;

/**
 * Runs the OneSIM migrations ({@code classpath:db/migration} of {@code onesim-core}) with Flyway in
 * tests, configured as production's {@code uz.onesim.backend.SchemaMigrations} ({@link
 * uz.onesim.core.SchemaLayout}): the history table lives in its own schema {@code flyway} (never in
 * the API-exposed {@code public}), and on a database whose {@code public} schema already holds the
 * shop tables, Flyway baselines at version 1 and applies only what follows.
 */
public final class Migrations {
  /** The schema holding Flyway's history table. */
  public static final String HISTORY_SCHEMA = uz.onesim.core.SchemaLayout.HISTORY_SCHEMA;

  private Migrations() {}

  /** A Flyway instance for the database at {@code jdbcUrl}. */
  public static Flyway flyway(String jdbcUrl, String user, String password) {
    return Flyway.configure()
        .dataSource(jdbcUrl, user, password)
        .loggers(TestkitLog.class.getName())   // quiet unless -Donesim.testkit.verbose=true
        .locations(uz.onesim.core.SchemaLayout.LOCATION)
        .schemas(HISTORY_SCHEMA, "public")
        .defaultSchema(HISTORY_SCHEMA)
        // We create the history schema ourselves: when Flyway creates a schema it records that it
        // did, and then never baselines, which would re-run V1 on an existing shop database.
        .initSql(uz.onesim.core.SchemaLayout.INIT_SQL)
        .createSchemas(false)
        .baselineOnMigrate(true)
        .baselineVersion(uz.onesim.core.SchemaLayout.BASELINE_VERSION)
        .baselineDescription(uz.onesim.core.SchemaLayout.BASELINE_DESCRIPTION)
        .load();
  }

  /** Applies every pending migration. */
  public static MigrateResult migrate(String jdbcUrl, String user, String password) {
    return flyway(jdbcUrl, user, password).migrate();
  }
}
