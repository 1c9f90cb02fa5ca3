package uz.onesim.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/**
 * The SDK's guarantees under both readings of every undocumented point (issue 27): the simulator's
 * friendly defaults, and {@link EsimAccessSimulator#strictReadings()} (replays answered with an
 * error, top-ups not de-duplicated and their lines without our id, {@code esim/topup} as seen live,
 * no redelivery) — with a quarter of the orders failing at random and a top-up answer lost. Every
 * paid order is allocated once and charged once; every top-up is charged at most once, an applied
 * one is never refunded, and one whose outcome cannot be told waits for a person.
 */
class ReadingsTest {
  static final long GB = 1_073_741_824L;

  long count(LocalSupabase supabase, String sql) {
    return ((Number) supabase.database().value(Identity.superuser(), sql)).longValue();
  }

  @ParameterizedTest(name = "strict readings: {0}")
  @ValueSource(booleans = {false, true})
  void ordersAndTopUpsAreChargedOnceUnderEitherReading(boolean strict) {
    LocalSupabase supabase = LocalSupabaseExtension.freshShared();
    try (EsimAccessSimulator sim = EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog()).balanceUsd("100000")
        .timeoutDelay(Duration.ofMillis(700)).seed(strict ? 29 : 31).build()) {
      if (strict) {
        sim.strictReadings();
      }
      sim.failRandomly("esim/order", 0.25, EsimAccessSimulator.Fault.HTTP_500, EsimAccessSimulator.Fault.TIMEOUT,
          EsimAccessSimulator.Fault.LOST_RESPONSE, EsimAccessSimulator.Fault.CONNECTION_RESET, EsimAccessSimulator.Fault.SERVER_ERROR);
      supabase.database().update(Identity.superuser(), "insert into orders (user_id, source_type, package_code, payment_status) "
          + "select ?, 'b2c', case when g % 2 = 0 then ? else ? end, 'paid' from generate_series(1, 60) g",
          SampleData.CUSTOMER_USER, SampleData.TR_1GB, SampleData.TR_3GB);
      OneSimBackend backend = OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey())
          .esimAccess(FlowsTest.client(sim, 1)).build();
      FulfilmentWorker f = backend.fulfilmentWorker("readings", FulfilmentWorker.Options.defaults().withAwaitAllocation(Duration.ofSeconds(5))
          .withLease(Duration.ofSeconds(1)).withMaxProfilesPerOrder(5));   // 12 provider orders: room for faults
      for (int pass = 0; pass < 40 && count(supabase, "select count(*) from orders where order_status <> 'ALLOCATED'") > 0; pass++) {
        try {
          f.runOnce();
          supabase.database().update(Identity.superuser(), "update orders set lease_until = now() - interval '1 second' "
              + "where order_status = 'PROCESSING'");   // reconcile at once instead of after the lease
          f.reconcile();
        } catch (RuntimeException providerFault) {
          // a pass may end on a fault; the next one carries on
        }
      }
      assertThat(count(supabase, "select count(*) from orders where order_status = 'ALLOCATED'")).isEqualTo(60);
      assertThat(count(supabase, "select count(distinct esim_tran_no) from orders")).as("each profile to one order").isEqualTo(60);
      assertThat(sim.profileCount()).as("no profile bought for nobody").isEqualTo(60);
      long providerOrders = count(supabase, "select count(distinct esim_order_no) from orders");
      assertThat(providerOrders).isEqualTo(12);
      assertThat((long) sim.charges()).as("one charge per provider order").isEqualTo(providerOrders);
      assertThat(sim.count("esim/order")).as("the faults were felt: calls beyond one per order").isGreaterThan(providerOrders);

      // Top-ups for four of those eSIMs, paid; the first answer is lost.
      List<Map<String, Object>> esims = supabase.database().query(Identity.superuser(),
          "select id, esim_tran_no from orders where package_code = ? order by id limit 4", SampleData.TR_1GB);
      for (Map<String, Object> e : esims) {
        supabase.database().update(Identity.superuser(), "insert into topups (order_id, user_id, package_code, status, payment_status, "
            + "retail_usd, discount_rate, discount_usd, paid_usd) values (?, ?, 'TR_TOPUP_1GB', 'pending', 'paid', 6.00, 0, 0, 6.00)",
            e.get("id"), SampleData.CUSTOMER_USER);
      }
      int chargesBefore = sim.charges();
      sim.failNext("esim/topup", EsimAccessSimulator.Fault.LOST_RESPONSE, 1);
      TopUpWorker topUps = backend.topUpWorker("readings-topups");
      for (int pass = 0; pass < 8 && count(supabase, "select count(*) from topups where status = 'pending'") > 0; pass++) {
        topUps.runOnce();
      }
      int grown = 0;
      for (Map<String, Object> e : esims) {
        long volume = sim.profile((String) e.get("esim_tran_no")).totalVolume();
        String status = (String) supabase.database().value(Identity.superuser(), "select status from topups where order_id = ?", e.get("id"));
        assertThat(volume).as("at most one top-up charged per eSIM").isIn(GB, 2 * GB);
        if (volume == 2 * GB) {
          grown++;
          assertThat(status).as("applied at the provider: applied or for a person, never refunded").isIn("applied", "needs_review");
        } else {
          assertThat(status).as("not applied: failed, or for a person").isIn("failed", "needs_review", "pending");
        }
      }
      assertThat(sim.charges() - chargesBefore).as("one charge per grown eSIM").isEqualTo(grown);
      if (!strict) {
        assertThat(count(supabase, "select count(*) from topups where status = 'applied'")).as("friendly: every one settled").isEqualTo(4);
      } else {
        assertThat(count(supabase, "select count(*) from topups where status in ('applied', 'needs_review')")).isEqualTo(4);
      }
      assertThat(count(supabase, "select count(*) from topups where status = 'pending'")).as("nothing loops").isZero();
    }
  }
}
