package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.onesim.testkit.schema.Db.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.Migrations;
import uz.onesim.testkit.SampleData;

/** Migrations apply fresh, twice, by hand like psql, and on a database that already has the shop. */
class MigrationTest {
  static final LocalPostgres server = LocalPostgres.shared();

  static List<String> scripts(LocalDatabase db) {
    return Arrays.stream(Migrations.flyway(db.jdbcUrl(), "postgres", "postgres").info().all())
        .filter(i -> i.getScript().endsWith(".sql"))
        .sorted(java.util.Comparator.comparing((MigrationInfo i) -> i.getVersion() == null)) // versioned, then repeatable
        .map(MigrationInfo::getScript)
        .toList();
  }

  static String script(String name) {
    try (InputStream in = MigrationTest.class.getClassLoader().getResourceAsStream("db/migration/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The versioned migrations shipped in onesim-core, read from its resources (no count to keep by hand). */
  static final List<String> VERSIONED = scripts(server.emptyDatabase()).stream().filter(f -> f.startsWith("V")).toList();
  static final List<String> REPEATABLE = scripts(server.emptyDatabase()).stream().filter(f -> f.startsWith("R__")).toList();
  static final String LATEST = String.valueOf(VERSIONED.size());

  @Test
  void theVersionsAreNumberedWithoutGapsAndEveryRepeatableFileIsAnApiFile() {
    for (int v = 1; v <= VERSIONED.size(); v++) {
      String prefix = "V" + v + "__";
      assertThat(VERSIONED).as("V" + v).anyMatch(f -> f.startsWith(prefix));
    }
    assertThat(REPEATABLE).isNotEmpty().allMatch(f -> f.startsWith("R__api_"));
    assertThat(uz.onesim.core.SchemaLayout.LATEST_VERSION).as("SchemaLayout.LATEST_VERSION names the newest migration")
        .isEqualTo(VERSIONED.size());
  }

  @Test
  void freshDatabaseGetsEveryVersionAndASecondRunDoesNothing() {
    LocalDatabase db = server.emptyDatabase();
    MigrateResult first = db.migrate();
    assertThat(first.migrationsExecuted).as("every versioned + repeatable API file").isEqualTo(VERSIONED.size() + REPEATABLE.size());
    assertThat(first.targetSchemaVersion).isEqualTo(LATEST);
    assertThat(db.migrate().migrationsExecuted).isZero();
    assertThat(Arrays.stream(Migrations.flyway(db.jdbcUrl(), "postgres", "postgres").info().applied()))
        .filteredOn(i -> i.getVersion() != null)
        .extracting(MigrationInfo::getState).containsOnly(MigrationState.SUCCESS);
    assertThat(db.value(OWNER, "select count(*) from information_schema.tables where table_schema = 'public' and table_name = 'flyway_schema_history'"))
        .as("the history table is not exposed through the API").isEqualTo(0L);
  }

  @Test
  void runningEveryFileAgainLikePsqlLosesNothing() {
    LocalDatabase db = server.freshDatabase(true);
    partnerOrder(db, GRAND, SampleData.AZIZA, SampleData.TR_1GB);
    allocate(db, partnerOrder(db, GRAND, SampleData.JAHONGIR, SampleData.TR_3GB));
    Map<String, String> before = snapshot(db);
    List<String> files = scripts(db);
    assertThat(files).hasSize(VERSIONED.size() + REPEATABLE.size());
    assertThat(files.subList(VERSIONED.size(), files.size())).allMatch(f -> f.startsWith("R__api_"));
    for (int round = 0; round < 2; round++) {
      files.forEach(f -> db.executeScript(script(f)));
    }
    assertThat(snapshot(db)).isEqualTo(before);
    assertTotalsMatchLedger(db);
    // and the rules still hold after the re-run
    assertFails(() -> db.update(GRAND, "update partners set discount_rate = 50 where id = ?", SampleData.GRAND_TRAVEL), "42501", null);
  }

  @Test
  void databaseWithTheShopAndSixLegacyOrdersKeepsThemAsB2c() {
    LocalDatabase db = server.emptyDatabase();
    db.executeScript(script("V1__baseline_shop_tables.sql"));
    db.executeScript("""
        insert into auth.users (id, email) values
          ('11111111-1111-4111-8111-111111111111', 'old1@example.com'),
          ('22222222-2222-4222-8222-222222222222', 'old2@example.com');
        insert into public.profiles (id, first_name, last_name) values
          ('11111111-1111-4111-8111-111111111111', 'Old', 'One'),
          ('22222222-2222-4222-8222-222222222222', 'Old', 'Two');
        insert into public.orders (user_id, transaction_id, package_code, price_usd, price_uzs, order_status, iccid) values
          ('11111111-1111-4111-8111-111111111111', 'TXN-1', 'TR_1GB_7D', 15.00, 189750, 'ALLOCATED', '8901000000000000001'),
          ('11111111-1111-4111-8111-111111111111', 'TXN-2', 'TR_3GB_15D', 20.00, 253000, 'ALLOCATED', '8901000000000000002'),
          ('11111111-1111-4111-8111-111111111111', 'TXN-3', 'EU_10GB_30D', 19.00, 240350, 'FAILED', null),
          ('22222222-2222-4222-8222-222222222222', 'TXN-4', 'TR_5GB_30D', 25.00, 316250, 'ALLOCATED', '8901000000000000004'),
          ('22222222-2222-4222-8222-222222222222', 'TXN-5', 'GL_1GB_7D', 9.99, 126374, 'PENDING', null),
          ('22222222-2222-4222-8222-222222222222', 'TXN-6', 'DISCONTINUED_PKG', 7.77, 98291, 'CANCELLED', null);
        """);
    String before = (String) db.value(OWNER,
        "select string_agg(transaction_id || price_usd || price_uzs || order_status || coalesce(iccid, ''), ',' order by transaction_id) from orders");

    MigrateResult result = db.migrate();
    assertThat(result.migrationsExecuted).as("V1 is baselined, V2.. and the repeatable files applied")
        .isEqualTo(VERSIONED.size() - 1 + REPEATABLE.size());
    assertThat(Migrations.flyway(db.jdbcUrl(), "postgres", "postgres").info().applied()[0].getType().name()).contains("BASELINE");

    String after = (String) db.value(OWNER,
        "select string_agg(transaction_id || price_usd || price_uzs || order_status || coalesce(iccid, ''), ',' order by transaction_id) from orders");
    assertThat(after).isEqualTo(before);
    List<Map<String, Object>> rows = db.query(OWNER,
        "select source_type, end_customer_type, end_customer_id = user_id as self, discount_applicable, partner_id, "
            + "retail_price_override_usd = price_usd as retail_kept from orders");
    assertThat(rows).hasSize(6).allSatisfy(r -> {
      assertThat(r.get("source_type")).isEqualTo("b2c");
      assertThat(r.get("end_customer_type")).isEqualTo("b2c");
      assertThat(r.get("self")).isEqualTo(true);
      assertThat(r.get("discount_applicable")).isEqualTo(false);
      assertThat(r.get("partner_id")).isNull();
      assertThat(r.get("retail_kept")).isEqualTo(true);
    });
    assertThat(db.value(OWNER, "select count(*) from partner_earnings")).isEqualTo(0L);

    // Again, by Flyway and by hand: nothing changes.
    assertThat(db.migrate().migrationsExecuted).isZero();
    Map<String, String> snap = snapshot(db);
    scripts(db).forEach(f -> db.executeScript(script(f)));
    assertThat(snapshot(db)).isEqualTo(snap);
    // Each legacy customer still sees exactly their own orders.
    assertThat(db.query(uz.onesim.testkit.Identity.user(java.util.UUID.fromString("22222222-2222-4222-8222-222222222222")),
        "select transaction_id from orders order by 1")).extracting(r -> r.get("transaction_id")).containsExactly("TXN-4", "TXN-5", "TXN-6");
  }

  /** Each function has one definition in the whole tree, and every API function (schema public) is in an R__api_ file. */
  @Test
  void everyFunctionIsDefinedOnceAndApiFunctionsLiveInRepeatableFiles() {
    java.util.regex.Pattern create = java.util.regex.Pattern.compile(
        "(?im)^create (?:or replace )?function ([a-z_]+\\.[a-z_]+)\\s*\\(");
    Map<String, List<String>> definedIn = new java.util.TreeMap<>();
    for (String file : scripts(server.emptyDatabase())) {
      java.util.regex.Matcher m = create.matcher(script(file));
      while (m.find()) {
        definedIn.computeIfAbsent(m.group(1).toLowerCase(), k -> new java.util.ArrayList<>()).add(file);
      }
    }
    assertThat(definedIn).as("functions found").hasSizeGreaterThan(40);
    assertThat(definedIn).allSatisfy((name, files) -> {
      assertThat(files).as(name + " is defined in one place").hasSize(1);
      if (name.startsWith("public.")) {
        assertThat(files.get(0)).as(name + " is an API function").startsWith("R__api_");
      }
    });
  }
}
