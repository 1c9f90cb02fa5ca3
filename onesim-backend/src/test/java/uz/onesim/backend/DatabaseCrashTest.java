package uz.onesim.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uz.onesim.client.CallOptions;
import uz.onesim.client.OneSim;
import uz.onesim.client.Order;
import uz.onesim.core.ApiException;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.SampleData;

/**
 * PostgreSQL killed and restarted in the middle of a run (issue 26), on a durable server as in
 * production: partners keep buying with keys, the scheduled workers keep fulfilling. Every purchase
 * a partner was told succeeded survives; one key is one order; every paid order is allocated once
 * and charged once; the balance equals the ledger.
 */
class DatabaseCrashTest {
  @Test
  void keyedPurchasesAndScheduledWorkersSurviveADatabaseCrash() throws Exception {
    try (LocalPostgres server = LocalPostgres.startDurable(); LocalSupabase supabase = LocalSupabase.start(server, true);
        EsimAccessSimulator sim = EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog()).balanceUsd("100000").build()) {
      OneSimBackend backend = OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey())
          .esimAccess(FlowsTest.client(sim, 3)).build();
      OneSim.UserSession grand = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build()
          .asUser(supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
      Map<String, UUID> acknowledged = new ConcurrentHashMap<>();
      Set<String> failedAttempts = ConcurrentHashMap.newKeySet();
      ExecutorService buyers = Executors.newFixedThreadPool(4);
      try (WorkerScheduler workers = backend.workers(WorkerPlan.defaults("crash", List.of()).withIntervalUnit(Duration.ofMillis(20)))) {
        List<Future<?>> running = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int thread = t;
          running.add(buyers.submit(() -> {
            for (int i = 0; i < 15; i++) {
              String key = "crash-" + thread + "-" + i;
              for (int attempt = 0; !acknowledged.containsKey(key); attempt++) {
                try {   // the integrator's loop: the same key again until there is an answer
                  Order o = grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 1, CallOptions.idempotencyKey(key)).get(0);
                  acknowledged.put(key, o.id());
                } catch (ApiException down) {
                  assertThat(down.isRetryable()).as(key + ": only an outage, never a refusal: " + down + " code=" + down.remoteCode() + " body=" + down.bodyExcerpt() + " details=" + down.details()).isTrue();
                  failedAttempts.add(key + "#" + attempt);
                  sleep(100);
                }
              }
            }
            return null;
          }));
        }
        while (acknowledged.size() < 20) {
          Thread.sleep(10);
        }
        supabase.crashDatabase();      // mid-run: purchases in flight, workers claiming
        Thread.sleep(700);
        supabase.restartDatabase();
        for (Future<?> f : running) {
          f.get(120, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count(supabase, "select count(*) from orders where partner_id is not null and order_status <> 'ALLOCATED'") > 0) {
          assertThat(System.nanoTime()).as("every paid order allocated after the crash: " + supabase.database().query(Identity.superuser(),
              "select order_status, payment_status, esim_order_no is not null as recorded, provider_transaction_id, lease_worker, "
                  + "lease_until < now() as expired, failure_reason, count(*) from orders where partner_id is not null "
                  + "and order_status <> 'ALLOCATED' group by 1, 2, 3, 4, 5, 6, 7") + " stuck batches " + stuck(supabase, sim)
                  + " workers " + workers.health())
              .isLessThan(deadline);
          Thread.sleep(50);
        }
        assertThat(workers.health()).as("the workers noticed the outage and carried on").anyMatch(w -> w.failures() > 0);
      } finally {
        buyers.shutdownNow();
      }

      assertThat(acknowledged).hasSize(60);
      assertThat(failedAttempts).as("the crash was felt").isNotEmpty();
      for (Map.Entry<String, UUID> e : acknowledged.entrySet()) {
        assertThat(count(supabase, "select count(*) from orders where id = '" + e.getValue() + "'")).as("acknowledged " + e.getKey())
            .isEqualTo(1);
      }
      assertThat(count(supabase, "select count(*) from orders where partner_id is not null")).as("one order per key").isEqualTo(60);
      assertThat(count(supabase, "select count(*) from orders where partner_id is not null and order_status = 'ALLOCATED'"))
          .isEqualTo(60);
      assertThat(count(supabase, "select count(distinct esim_tran_no) from orders where esim_tran_no is not null"))
          .as("each profile to one order").isEqualTo(count(supabase, "select count(*) from orders where esim_tran_no is not null"));
      assertThat((long) sim.profileCount()).as("no profile bought for nobody")
          .isEqualTo(count(supabase, "select count(*) from orders where esim_tran_no is not null"));
      assertThat((long) sim.charges()).as("one charge per provider order")
          .isEqualTo(count(supabase, "select count(distinct esim_order_no) from orders where esim_order_no is not null"));
      BigDecimal balance = (BigDecimal) supabase.database().value(Identity.superuser(), "select balance_usd from partners where id = ?",
          SampleData.GRAND_TRAVEL);
      BigDecimal ledger = (BigDecimal) supabase.database().value(Identity.superuser(),
          "select coalesce(sum(amount_usd), 0) from partner_ledger where partner_id = ?", SampleData.GRAND_TRAVEL);
      assertThat(balance).as("balance = ledger").isEqualByComparingTo(ledger);
      assertThat(count(supabase, "select count(*) from orders o where o.partner_id is not null and (select count(*) from partner_ledger l "
          + "where l.order_id = o.id and l.kind = 'purchase') <> 1")).as("one debit per order").isZero();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static long count(LocalSupabase supabase, String sql) {
    return ((Number) supabase.database().value(Identity.superuser(), sql)).longValue();
  }

  /** For a failure message: each stuck provider order, its profiles at the provider and the orders holding them. */
  static String stuck(LocalSupabase supabase, EsimAccessSimulator sim) {
    StringBuilder sb = new StringBuilder();
    for (Map<String, Object> r : supabase.database().query(Identity.superuser(), "select esim_order_no, count(*) as n from orders "
        + "where partner_id is not null and order_status <> 'ALLOCATED' and esim_order_no is not null group by 1")) {
      String no = (String) r.get("esim_order_no");
      sb.append(no).append(": ").append(r.get("n")).append(" waiting, ").append(supabase.database().value(Identity.superuser(),
          "select count(*) from orders where esim_order_no = ? and order_status = 'ALLOCATED'", no)).append(" allocated; provider profiles ");
      for (uz.onesim.testkit.SimProfile p : sim.profiles(no)) {
        sb.append(p.esimTranNo()).append("->").append(supabase.database().value(Identity.superuser(),
            "select coalesce(string_agg(esim_order_no || '/' || order_status, ','), 'none') from orders where esim_tran_no = ?", p.esimTranNo())).append(' ');
      }
      sb.append("; ");
    }
    return sb.toString();
  }
}
