package uz.onesim.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import uz.onesim.client.CallOptions;
import uz.onesim.client.NewCustomer;
import uz.onesim.client.OneSim;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.PartnerAccount;
import uz.onesim.testkit.SampleData;

/**
 * Purchases of several partners while two fulfilment workers allocate batches that mix those
 * partners' orders (issue 26, defect 4): PostgreSQL detects no deadlock at all (counted in
 * {@code pg_stat_database}, which the client's silent retry of 40P01 would otherwise hide), every
 * order is allocated, every balance equals its ledger. A load finds a deadlock only by chance; that
 * allocation cannot form one is shown deterministically by {@code AllocationLockOrderTest}.
 */
class MixedLoadTest {
  @Test
  void purchasesOfFourPartnersAndTwoAllocatingWorkersNeverDeadlock() throws Exception {
    LocalSupabase supabase = LocalSupabaseExtension.freshShared();
    try (EsimAccessSimulator sim = EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog()).balanceUsd("100000").build()) {
      OneSim onesim = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build();
      List<OneSim.UserSession> partners = new ArrayList<>();
      List<UUID> customers = new ArrayList<>();
      List<UUID> partnerIds = new ArrayList<>();
      for (int p = 0; p < 4; p++) {
        PartnerAccount a = supabase.createPartner("Load " + p, "load" + p + "@example.com", null, "active");
        OneSim.UserSession s = onesim.asUser(supabase.userJwt(a.userId()));
        partners.add(s);
        partnerIds.add(a.partnerId());
        customers.add(s.customers().save(NewCustomer.of("Traveller", "Load" + p, "t" + p + "@example.com", null)).id());
      }
      long deadlocksBefore = deadlocks(supabase);
      OneSimBackend backend = OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey())
          .esimAccess(FlowsTest.client(sim, 3)).build();
      AtomicBoolean buying = new AtomicBoolean(true);
      AtomicInteger bought = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(10);
      List<Future<?>> work = new ArrayList<>();
      try {
        for (int t = 0; t < 8; t++) {
          int p = t % 4;
          work.add(pool.submit(() -> {
            for (int i = 0; i < 25; i++) {
              // the shop's two packages, so allocation batches mix the four partners' orders
              partners.get(p).orders().buyForCustomer(customers.get(p), i % 2 == 0 ? SampleData.TR_1GB : SampleData.TR_3GB, 1,
                  CallOptions.none());
              bought.incrementAndGet();
            }
            return null;
          }));
        }
        for (String name : List.of("alloc-a", "alloc-b")) {
          FulfilmentWorker w = backend.fulfilmentWorker(name, FulfilmentWorker.Options.defaults().withBatchSize(40)
              .withAwaitAllocation(Duration.ofSeconds(5)));
          pool.submit(() -> {
            while (buying.get() || pending(supabase) > 0) {
              if (w.runOnce().claimed() == 0) {
                Thread.sleep(20);
              }
            }
            return null;
          });
        }
        for (int t = 0; t < 8; t++) {
          work.get(t).get(120, TimeUnit.SECONDS);   // a purchase answered 500 (a deadlock not retried) fails here
        }
        buying.set(false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count(supabase, "select count(*) from orders where partner_id = any(?) and order_status <> 'ALLOCATED'",
            (Object) partnerIds.toArray(UUID[]::new)) > 0) {
          assertThat(System.nanoTime()).as(() -> "every order allocated; deadlocks so far: " + (deadlocks(supabase) - deadlocksBefore))
              .isLessThan(deadline);
          Thread.sleep(50);
        }
      } finally {
        buying.set(false);
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      }

      assertThat(bought.get()).isEqualTo(200);
      assertThat(deadlocks(supabase) - deadlocksBefore).as("deadlocks PostgreSQL detected under the mixed load").isZero();
      for (UUID partner : partnerIds) {
        BigDecimal balance = (BigDecimal) supabase.database().value(Identity.superuser(), "select balance_usd from partners where id = ?",
            partner);
        BigDecimal ledger = (BigDecimal) supabase.database().value(Identity.superuser(),
            "select coalesce(sum(amount_usd), 0) from partner_ledger where partner_id = ?", partner);
        assertThat(balance).as("balance = ledger").isEqualByComparingTo(ledger);
      }
      assertThat(count(supabase, "select count(*) from partner_earnings e join orders o on o.id = e.order_id "
          + "where o.partner_id = any(?) and e.status = 'completed'", (Object) partnerIds.toArray(UUID[]::new))).isEqualTo(200);
    }
  }

  static long pending(LocalSupabase supabase) {
    return count(supabase, "select count(*) from orders where order_status = 'PENDING' and payment_status = 'paid'");
  }

  /**
   * Deadlocks PostgreSQL counted in this database. A backend reports its counters when it ends, so
   * PostgREST is stopped first (its connections end) and started again afterwards, with a fresh pool:
   * killing its connections under it would leave the next test a PostgREST still recovering.
   */
  static long deadlocks(LocalSupabase supabase) {
    supabase.stopPostgrest();
    try {
      supabase.database().closeConnections();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (count(supabase, "select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() "
          + "and backend_type = 'client backend'") > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);   // PostgREST's backends end (and report) once its connections close
      }
      return count(supabase, "select deadlocks from pg_stat_database where datname = current_database()");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      supabase.startPostgrest();
    }
  }

  static long count(LocalSupabase supabase, String sql, Object... params) {
    return ((Number) supabase.database().value(Identity.superuser(), sql, params)).longValue();
  }
}
