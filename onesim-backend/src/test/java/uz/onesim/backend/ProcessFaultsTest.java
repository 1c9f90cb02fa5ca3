package uz.onesim.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/**
 * A worker process killed by PID in the middle of a batch (issue 26): one provider order placed and
 * recorded, the next placed at the provider but never recorded, the third not begun. Whoever comes next finishes every
 * order, and the provider is charged once per batch.
 */
class ProcessFaultsTest {
  @Test
  void aFulfilmentProcessKilledMidBatchLeavesNothingChargedTwiceOrLost() throws Exception {
    LocalSupabase supabase = LocalSupabaseExtension.freshShared();
    try (EsimAccessSimulator sim = EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog()).balanceUsd("100000").build()) {
      supabase.database().update(Identity.superuser(), "insert into orders (user_id, source_type, package_code, payment_status) "
          + "select ?, 'b2c', case when g <= 60 then ? else ? end, 'paid' from generate_series(1, 90) g",
          SampleData.CUSTOMER_USER, SampleData.TR_1GB, SampleData.TR_3GB);
      // the second provider order is placed and answered, and the process hangs before recording it
      Process victim = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
          System.getProperty("java.class.path"), WorkerProcessMain.class.getName(), supabase.url(), supabase.secretKey(),
          sim.baseUrl(), sim.accessCode(), sim.secretKey(), "victim", "3", "2").redirectErrorStream(true).start();
      StringBuilder out = new StringBuilder();
      Thread reader = new Thread(() -> {
        try (java.io.BufferedReader r = victim.inputReader()) {
          r.lines().forEach(l -> {
            synchronized (out) {
              out.append(l).append('\n');
            }
          });
        } catch (java.io.IOException ignored) {
          // the process died
        }
      });
      reader.start();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!output(out).contains("hanging after")) {
          assertThat(System.nanoTime()).as("the worker process placed two orders: " + output(out)).isLessThan(deadline);
          Thread.sleep(20);
        }
      } finally {
        victim.destroyForcibly();   // SIGKILL: no shutdown hook, no lease released
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(5_000);
      }
      assertThat(sim.charges()).as("two provider orders placed before the kill").isEqualTo(2);
      assertThat(count(supabase, "select count(*) from orders where order_status = 'PROCESSING'")).as("killed mid-batch")
          .isGreaterThanOrEqualTo(30);

      Thread.sleep(3_100);   // the dead worker's leases run out
      OneSimBackend backend = OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey())
          .esimAccess(FlowsTest.client(sim, 3)).build();
      FulfilmentWorker survivor = backend.fulfilmentWorker("survivor", FulfilmentWorker.Options.defaults()
          .withAwaitAllocation(Duration.ofSeconds(10)));
      survivor.runOnce();
      survivor.reconcile();

      assertThat(count(supabase, "select count(*) from orders where order_status = 'ALLOCATED'")).isEqualTo(90);
      assertThat(sim.charges()).as("one charge per batch of 30, though one was sent by a process that died").isEqualTo(3);
      assertThat(sim.profileCount()).as("no profile bought for nobody").isEqualTo(90);
      assertThat(count(supabase, "select count(distinct esim_tran_no) from orders where esim_tran_no is not null")).isEqualTo(90);
      assertThat(count(supabase, "select count(distinct provider_transaction_id) from orders")).as("three batches").isEqualTo(3);
    }
  }

  static String output(StringBuilder out) {
    synchronized (out) {
      return out.toString();
    }
  }

  static long count(LocalSupabase supabase, String sql) {
    return ((Number) supabase.database().value(Identity.superuser(), sql)).longValue();
  }
}
