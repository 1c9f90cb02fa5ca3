package uz.onesim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** README command one plays the business day and prints the spec's figures, then stops everything. */
class OneSimDemoTest {
  @Test
  void theDemoPlaysTheBusinessDay() throws Exception {
    long before = ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OneSimDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    System.out.println(out);
    assertThat(out).contains("Catalogue synced from eSIM Access: 2033 packages seen, 2026 new, 1 updated, 6 unchanged, 0 retired");
    assertThat(out).contains("OneSIM Shop: Dilnoza buys TR_1GB_7D for 15.00 USD (189750 som).");
    assertThat(out).contains("Grand Travel Tour buys TR_1GB_7D for Aziza Karimova: retail 15.00 USD, pays 14.25 USD, saves 0.75 USD.");
    assertThat(out).contains("Grand Travel Tour buys TR_1GB_7D for Jahongir Xasanov: retail 15.00 USD, pays 14.25 USD, saves 0.75 USD.");
    assertThat(out).contains("Silk Road Premium (custom 10.00%) buys for Bobur Aliyev: pays 13.50 USD, saves 1.50 USD.");
    assertThat(out).contains("Antalya group: 20 members (18 imported in one call).");
    assertThat(out).contains("bulk purchase: 20 orders of TR_3GB_15D in one call, 19.00 USD each instead of 20.00 USD.");
    assertThat(out).contains("webhook: 24 eSIMs allocated");
    // 2 x 15.00 + 19 x 20.00 completed (one of the 20 refunded): retail 410.00, paid 389.50, saved 20.50
    assertThat(out).containsPattern("Totals \\(21 completed\\)\\s+410\\.00\\s+389\\.50\\s+20\\.50");
    // 100 000.00 top-up - (2 x 14.25 + 20 x 19.00) + the refunded 19.00
    assertThat(out).contains("Prepaid balance: 99610.50 USD (credit limit 0.00, available 99610.50)");
    assertThat(out).contains("This month: opening 0.00, funding 100000.00, purchases -408.50 (22), refunds 19.00, closing 99610.50 USD");
    assertThat(out).contains("Done. Everything started for the demo has been stopped.");
    long after = ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
    assertThat(after).as("no process left behind").isLessThanOrEqualTo(before);
  }

  @Test
  void withSupabaseUrlTheDemoOnlyReadsTheProject() {
    uz.onesim.testkit.LocalSupabase project = uz.onesim.testkit.LocalSupabaseExtension.freshShared();
    {
      long ordersBefore = (Long) project.database().value(uz.onesim.testkit.Identity.superuser(), "select count(*) from orders");
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      OneSimDemo.readOnly(project.url(), project.anonKey(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
      assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("(read-only): 7 active packages in the catalogue.");
      assertThat(project.database().value(uz.onesim.testkit.Identity.superuser(), "select count(*) from orders")).isEqualTo(ordersBefore);
    }
  }
}
