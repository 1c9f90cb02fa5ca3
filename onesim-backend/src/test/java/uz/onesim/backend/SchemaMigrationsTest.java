package uz.onesim.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.Migrations;

/** Production runs the migrations from the backend artifact, exactly as the testkit's templates were built. */
class SchemaMigrationsTest {
  @Test
  void theProductionRunnerMigratesAFreshDatabaseToTheTestkitsVersionAndThenDoesNothing() {
    LocalDatabase db = LocalPostgres.shared().emptyDatabase();
    MigrateResult first = SchemaMigrations.migrate(db.jdbcUrl(), "postgres", "postgres");
    LocalDatabase reference = LocalPostgres.shared().freshDatabase();
    String expected = Migrations.flyway(reference.jdbcUrl(), "postgres", "postgres").info().current().getVersion().getVersion();
    assertThat(first.targetSchemaVersion).isEqualTo(expected);
    assertThat(first.migrationsExecuted).isGreaterThan(30);
    assertThat(SchemaMigrations.migrate(db.jdbcUrl(), "postgres", "postgres").migrationsExecuted).isZero();
    assertThat(db.value(Identity.superuser(), "select count(*) from flyway.flyway_schema_history")).isNotEqualTo(0L);
    assertThat(db.value(Identity.superuser(), "select count(*) from information_schema.tables where table_schema = 'public' "
        + "and table_name = 'flyway_schema_history'")).isEqualTo(0L);
  }
}
