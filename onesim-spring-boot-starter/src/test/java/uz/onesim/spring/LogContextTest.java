package uz.onesim.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import uz.onesim.backend.DeliveryChannel;
import uz.onesim.backend.FulfilmentWorker;
import uz.onesim.backend.OneSimBackend;
import uz.onesim.client.Order;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/**
 * What an on-call engineer searches logs by is in SLF4J's MDC while a worker works on it: the
 * provider transaction id and an order id of the batch (here read where a channel delivers, inside
 * the pass), never a key; nothing is left behind after the pass. Here, because this module's tests
 * log through Logback, whose MDC keeps values (the other modules' test logger does not).
 */
class LogContextTest {
  @Test
  void aFulfilmentPassCarriesItsTransactionAndOrderInTheLogContext() {
    LocalSupabase supabase = LocalSupabaseExtension.freshShared();
    try (EsimAccessSimulator sim = EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog()).balanceUsd("1000").build()) {
      supabase.database().update(Identity.superuser(), "insert into orders (user_id, source_type, package_code, payment_status) "
          + "values (?, 'b2c', ?, 'paid')", SampleData.CUSTOMER_USER, SampleData.TR_1GB);
      List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
      DeliveryChannel recording = new DeliveryChannel() {
        @Override
        public String method() {
          return "email";
        }

        @Override
        public String deliver(Order order) {
          seen.add(MDC.getCopyOfContextMap());   // what a log line written now carries
          return "sent";
        }
      };
      EsimAccessClient esim = EsimAccessClient.builder().baseUrl(sim.baseUrl()).accessCode(sim.accessCode()).secretKey(sim.secretKey())
          .clock(sim.clock()).sleeper(d -> sim.clock().advance(d)).requestsPerSecond(10_000).build();
      OneSimBackend backend = OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey()).esimAccess(esim).build();
      FulfilmentWorker f = backend.fulfilmentWorker("mdc", FulfilmentWorker.Options.defaults().withAwaitAllocation(Duration.ofSeconds(10)),
          List.of(recording));
      f.runOnce();
      Map<String, Object> order = supabase.database().query(Identity.superuser(),
          "select id::text as id, provider_transaction_id from orders where esim_tran_no is not null").get(0);
      assertThat(seen).singleElement().satisfies(mdc -> {
        assertThat(mdc).containsEntry("onesim.transaction_id", (String) order.get("provider_transaction_id"))
            .containsEntry("onesim.order_id", (String) order.get("id"));
        assertThat(mdc.values()).noneMatch(v -> v.contains(supabase.secretKey()) || v.contains(sim.secretKey()));
      });
      Map<String, String> after = MDC.getCopyOfContextMap();
      assertThat(after == null ? Map.<String, String>of() : after).as("nothing left behind after the pass")
          .doesNotContainKeys("onesim.transaction_id", "onesim.order_id");
    }
  }
}
