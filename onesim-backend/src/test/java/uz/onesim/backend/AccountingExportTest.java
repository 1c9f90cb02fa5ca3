package uz.onesim.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uz.onesim.core.ValidationException;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalSupabaseExtension;

/** The accounting export by COPY: the period's orders, oldest first, every amount exactly as stored. */
class AccountingExportTest {
  @Test
  void aPeriodsOrdersComeOutAsCsvExactlyAsStored() throws Exception {
    uz.onesim.testkit.LocalSupabase supabase = LocalSupabaseExtension.freshShared();
    LocalDatabase db = supabase.database();
    uz.onesim.client.OneSim.UserSession grand = uz.onesim.client.OneSim.builder().supabaseUrl(supabase.url())
        .apiKey(supabase.publishableKey()).build().asUser(supabase.userJwt(uz.onesim.testkit.SampleData.GRAND_TRAVEL_USER));
    for (int i = 0; i < 3; i++) {   // partner orders: every amount column filled
      grand.orders().buyForCustomer(uz.onesim.testkit.SampleData.AZIZA, uz.onesim.testkit.SampleData.TR_1GB, 1, uz.onesim.client.CallOptions.none());
    }
    List<Map<String, Object>> orders = db.query(Identity.superuser(), "select id from orders order by id limit 3");
    assertThat(orders).hasSize(3);
    db.update(Identity.superuser(), "update orders set created_at = '2020-01-01T00:00:00Z'");
    db.update(Identity.superuser(), "update orders set created_at = '2026-03-31T23:59:59.999Z' where id = ?", orders.get(0).get("id"));
    db.update(Identity.superuser(), "update orders set created_at = '2026-03-01T00:00:00Z' where id = ?", orders.get(1).get("id"));
    db.update(Identity.superuser(), "update orders set created_at = '2026-04-01T00:00:00Z' where id = ?", orders.get(2).get("id"));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long rows;
    try (Connection c = db.connect()) {
      rows = AccountingExport.ordersCsv(c, Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"), out);
    }
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(rows).as("from inclusive, to exclusive").isEqualTo(2);
    assertThat(lines.get(0)).isEqualTo(String.join(",", AccountingExport.COLUMNS));
    for (int i = 0; i < 2; i++) {
      Object id = orders.get(1 - i).get("id");   // oldest first
      List<String> fields = List.of(lines.get(1 + i).split(",", -1));
      assertThat(fields).hasSize(AccountingExport.COLUMNS.size());
      Map<String, Object> row = db.query(Identity.superuser(), "select id::text, created_at::text, source_type, partner_id::text, "
          + "package_code, order_status, payment_status, price_usd::text, price_uzs::text, discount_rate::text, discount_amount_usd::text, "
          + "discount_amount_uzs::text, partner_paid_usd::text, partner_paid_uzs::text, fx_rate_uzs::text from orders where id = ?", id).get(0);
      for (int k = 0; k < fields.size(); k++) {
        Object v = row.get(AccountingExport.COLUMNS.get(k));
        assertThat(fields.get(k)).as(AccountingExport.COLUMNS.get(k)).isEqualTo(v == null ? "" : v.toString());
      }
    }

    ByteArrayOutputStream nothing = new ByteArrayOutputStream();
    try (Connection c = db.connect()) {
      ValidationException e = catchThrowableOfType(() -> AccountingExport.ordersCsv(c, Instant.parse("2026-04-01T00:00:00Z"),
          Instant.parse("2026-03-01T00:00:00Z"), nothing), ValidationException.class);
      assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.code()).isEqualTo("invalid_period"));
    }
    assertThat(nothing.size()).isZero();
  }
}
