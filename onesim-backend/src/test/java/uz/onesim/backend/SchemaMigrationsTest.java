package uz.onesim.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.api.MigrationInfoService;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;

/**
 * Production's runner and the testkit's agree: on a database the testkit migrated, the backend's
 * SchemaMigrations finds the same history (same schema, same checksums), nothing pending, and does
 * nothing. That the files migrate an empty database, twice and by hand, is MigrationTest's (schema-tests),
 * run through the same settings (SchemaLayout).
 */
class SchemaMigrationsTest {
  @Test
  void theProductionRunnerSeesTheTestkitsHistoryAsCompleteAndAppliesNothing() {
    LocalDatabase db = LocalPostgres.shared().freshDatabase();
    MigrationInfoService info = SchemaMigrations.flyway(db.jdbcUrl(), "postgres", "postgres").info();
    assertThat(info.pending()).isEmpty();
    assertThat(info.applied()).hasSizeGreaterThan(30);
    assertThat(info.current().getVersion().getVersion()).isEqualTo(String.valueOf(
        db.value(Identity.superuser(), "select max(version::int) from flyway.flyway_schema_history where version is not null")));
    assertThat(OneSimBackend.databaseComponent(String.valueOf(uz.onesim.core.SchemaLayout.LATEST_VERSION)).status())
        .isEqualTo(BackendHealth.Status.UP);
    BackendHealth.Component behind = OneSimBackend.databaseComponent(String.valueOf(uz.onesim.core.SchemaLayout.LATEST_VERSION - 1));
    assertThat(behind.status()).as("a database not migrated to this SDK's version is DOWN").isEqualTo(BackendHealth.Status.DOWN);
    assertThat(behind.detail()).contains("run SchemaMigrations");
    assertThat(SchemaMigrations.migrate(db.jdbcUrl(), "postgres", "postgres").migrationsExecuted).isZero();
    assertThat(db.value(Identity.superuser(), "select count(*) from information_schema.tables where table_schema = 'public' "
        + "and table_name = 'flyway_schema_history'")).as("the history is not exposed").isEqualTo(0L);
  }
}
