package uz.onesim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.SampleData;

/** The README's quick starts run, against LocalSupabase and the simulator, and print the right figures. */
class QuickStartsTest {
  @Test
  void partnerQuickStart() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LocalSupabase local = uz.onesim.testkit.LocalSupabaseExtension.freshShared();
    PartnerQuickStart.run(local.url(), local.anonKey(), PartnerQuickStart.sampleApiKey(local),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("Quote: TR_1GB_7D at 5.00%: you pay 14.25 USD (180263 som)");
    assertThat(out).contains("Ordered TR_1GB_7D for Aziza Karimova: retail 15.00, you pay 14.25, you save 0.75 (PENDING)");
    assertThat(out).contains("Dashboard: 0 completed orders, spent 0.00, retail value 0.00, saved 0.00, 1 placed");
  }

  @Test
  void backendQuickStart() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LocalSupabase local = uz.onesim.testkit.LocalSupabaseExtension.freshShared();
    try (EsimAccessSimulator sim = EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog())
             .allocationDelay(Duration.ofSeconds(20)).build()) {
      EsimAccessClient esim = EsimAccessClient.builder().baseUrl(sim.baseUrl()).accessCode(sim.accessCode())
          .secretKey(sim.secretKey()).clock(sim.clock()).build();
      BackendQuickStart.run(local, sim, esim, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).containsPattern("Shop order [0-9a-f]{8}: TR_3GB_15D at 20.00 USD, PENDING");
    assertThat(out).contains("Fulfiller: claimed 1, provider orders 1, waiting 1");
    assertThat(out).containsPattern("Webhook: [1-9]\\d* event\\(s\\) applied; order [0-9a-f]{8} ALLOCATED, ICCID 89852\\d+");
    assertThat(out).contains("Reconcile: 0 left in between");
  }
}
