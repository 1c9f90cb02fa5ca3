package uz.onesim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.client.postgrest.PostgrestListener;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.SampleData;
import uz.onesim.testkit.SimPackage;

/** Every flow example runs on the embedded default and prints what it should, so examples never rot. */
class FlowExamplesTest {
  static String capture(java.util.function.Consumer<PrintStream> body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    body.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void b2cGroupAndExport() {
    try (EmbeddedDefault env = EmbeddedDefault.onSharedStack(SampleData.simulatorCatalog(), Duration.ZERO)) {
      String b2c = capture(out -> B2cPurchaseExample.run(env, out));
      assertThat(b2c).contains("Bought TR_1GB_7D for 15.00 USD (189750 som), status PENDING");
      assertThat(b2c).containsPattern("Now ALLOCATED: ICCID 89852\\d+, activation code LPA:1\\$");

      String group = capture(out -> GroupPurchaseExample.run(env, out, 40));
      assertThat(group).contains("40 orders in one call at 23.75 USD each (retail 25.00)");
      assertThat(group).contains("Backend: 2 provider order(s) for 40 profiles, 40 allocated");

      env.supabase.database().update(Identity.superuser(), "insert into orders (source_type, user_id, partner_id, end_customer_id, package_code) "
          + "select 'b2b_partner', ?, ?, ?, 'TR_1GB_7D' from generate_series(1, 2500)", SampleData.GRAND_TRAVEL_USER,
          SampleData.GRAND_TRAVEL, SampleData.AZIZA);
      AtomicInteger requests = new AtomicInteger();
      PostgrestClient db = PostgrestClient.builder().supabaseUrl(env.supabase.url()).apiKey(env.supabase.anonKey())
          .listener(PostgrestListener.counting(requests)).build().withUserJwt(env.supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
      StringWriter csv = new StringWriter();
      long n = ExportOrdersCsv.export(db, csv);
      assertThat(n).isEqualTo(2540);
      assertThat(csv.toString().lines()).hasSize(2541).first().isEqualTo("id,created_at,package_code,status,customer,retail_usd,paid_usd,savings_usd");
      assertThat(csv.toString()).contains(",\"Aziza Karimova\",15.00,14.25,0.75");
      assertThat(requests.get()).as("keyset pages of 1000").isEqualTo(3);
    }
  }

  @Test
  void catalogSync() {
    List<SimPackage> catalog = new ArrayList<>(SampleData.simulatorCatalog());
    catalog.addAll(SimPackage.generated(2026));
    try (EmbeddedDefault env = EmbeddedDefault.onSharedStack(catalog, Duration.ZERO)) {
      String out = capture(o -> CatalogSyncExample.run(env, o));
      assertThat(out).contains("First run: 2033 packages, 2026 new, 1 updated, 0 retired");
      assertThat(out).contains("Second run: 0 changed");
    }
  }
}
