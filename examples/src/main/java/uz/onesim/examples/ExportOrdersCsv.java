package uz.onesim.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.UUID;
import uz.onesim.client.postgrest.PostgrestClient;

/**
 * Exports a partner's orders to CSV, streaming through keyset pages of 1 000 rows: memory stays
 * flat however many orders there are.
 */
public final class ExportOrdersCsv {
  /** One exported line. */
  public record Line(UUID id, java.time.OffsetDateTime createdAt, String packageCode, String orderStatus, String customerFirstName,
      String customerLastName, java.math.BigDecimal retailPriceOverrideUsd, java.math.BigDecimal priceUsd,
      java.math.BigDecimal discountAmountUsd) {}

  private ExportOrdersCsv() {}

  public static void main(String[] args) {
    try (EmbeddedDefault env = EmbeddedDefault.start()) {
      env.as(uz.onesim.testkit.SampleData.GRAND_TRAVEL_USER).orders()
          .buyForCustomer(uz.onesim.testkit.SampleData.AZIZA, uz.onesim.testkit.SampleData.TR_1GB, 5, uz.onesim.client.CallOptions.none());
      PostgrestClient db = PostgrestClient.builder().supabaseUrl(env.supabase.url()).apiKey(env.supabase.anonKey()).build()
          .withUserJwt(env.supabase.userJwt(uz.onesim.testkit.SampleData.GRAND_TRAVEL_USER));
      Writer out = new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8);
      System.err.println(export(db, out) + " orders exported");
    }
  }

  /** Writes a header and one line per order the caller may see; returns the number of orders. */
  public static long export(PostgrestClient db, Writer out) {
    try {
      out.write("id,created_at,package_code,status,customer,retail_usd,paid_usd,savings_usd\n");
      long[] n = {0};
      db.from("orders").select("id,created_at,package_code,order_status,customer_first_name,customer_last_name,"
              + "retail_price_override_usd,price_usd,discount_amount_usd")
          .stream(Line.class, "id", 1000)
          .forEach(l -> {
            try {
              out.write(l.id() + "," + l.createdAt() + "," + l.packageCode() + "," + l.orderStatus() + ",\""
                  + (l.customerFirstName() + " " + l.customerLastName()).replace("\"", "\"\"") + "\","
                  + l.retailPriceOverrideUsd().toPlainString() + "," + l.priceUsd().toPlainString() + ","
                  + l.discountAmountUsd().toPlainString() + "\n");
              n[0]++;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
      out.flush();
      return n[0];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
