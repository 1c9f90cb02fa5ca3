package uz.onesim.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/** Workers that run themselves (issue 28): on a schedule, sharing work, surviving a failing worker, leaving no thread. */
@ExtendWith(LocalSupabaseExtension.class)
class WorkerSchedulerTest {
  LocalSupabase supabase;
  EsimAccessSimulator sim;

  @BeforeEach
  void setUp(LocalSupabase supabase, EsimAccessSimulator sim) {
    this.supabase = supabase;
    this.sim = sim;
  }

  OneSimBackend backend() {
    return OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey()).esimAccess(FlowsTest.client(sim, 3)).build();
  }

  long count(String sql) {
    return ((Number) supabase.database().value(Identity.superuser(), sql)).longValue();
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 30 s for: " + what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  static long workerThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("onesim-worker-")).count();
  }

  WorkerPlan plan(String instance) {
    // no provider webhook ever comes (none is registered): reconcile's poll must allocate
    return WorkerPlan.defaults(instance, List.of()).withIntervalUnit(Duration.ofMillis(20))
        .withFulfilment(FulfilmentWorker.Options.defaults().withAwaitAllocation(Duration.ZERO));
  }

  @Test
  void twoSchedulersAllocateEveryPaidOrderOnceWithoutAWebhookOrAManualCall() throws Exception {
    supabase.database().update(Identity.superuser(), "insert into orders (user_id, source_type, package_code, payment_status) "
        + "select ?, 'b2c', case when g % 2 = 0 then ? else ? end, 'paid' from generate_series(1, 60) g",
        SampleData.CUSTOMER_USER, SampleData.TR_1GB, SampleData.TR_3GB);
    uz.onesim.esimaccess.EsimAccessClient esim = FlowsTest.client(sim, 3);
    OneSimBackend backend = OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey()).esimAccess(esim).build();
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    try (WorkerScheduler a = backend.workers(plan("a")); WorkerScheduler b = backend.workers(plan("b"))) {
      BackendMetrics.bind(registry, backend, esim, a);
      await("60 orders allocated", () -> count("select count(*) from orders where order_status = 'ALLOCATED'") == 60);
      assertThat(a.health()).extracting(WorkerHealth::name).contains("fulfilment", "reconcile", "provider-events", "usage-sweep",
          "notices", "topups", "partner-webhooks", "after-sale", "unpaid-expiry");
      await("every worker has passed once", () -> a.health().stream().allMatch(w -> w.lastSuccess() != null));
      BackendHealth health = backend.health(a, BackendHealth.Thresholds.defaults());
      assertThat(health.status()).as(health.toString()).isEqualTo(BackendHealth.Status.UP);
      assertThat(health.component("database").orElseThrow().detail()).isEqualTo("schema version " + uz.onesim.core.SchemaLayout.LATEST_VERSION);
      assertThat(health.component("provider").orElseThrow().detail()).matches("balance 99\\d{3}\\.\\d{2} USD");
      assertThat(health.component("fulfilment").orElseThrow().detail()).contains("0 processing");
      assertThat(health.components()).filteredOn(c -> c.name().startsWith("worker:")).hasSize(9);
      assertThat(registry.get("onesim.provider.calls").tag("endpoint", "esim/order").tag("outcome", "success").timer().count())
          .as("provider calls timed by endpoint and outcome").isPositive();
      assertThat(registry.get("onesim.worker.passes").tag("worker", "fulfilment").functionCounter().count()).isPositive();
      assertThat(registry.get("onesim.worker.failures").tag("worker", "fulfilment").functionCounter().count()).isZero();
      assertThat(registry.get("onesim.orders.processing").gauge().value()).isZero();
      long claimedByA = a.health().stream().filter(w -> w.name().equals("fulfilment")).findFirst().orElseThrow().claimed();
      long claimedByB = b.health().stream().filter(w -> w.name().equals("fulfilment")).findFirst().orElseThrow().claimed();
      assertThat(claimedByA + claimedByB).as("each paid order claimed once by fulfilment, over both instances").isEqualTo(60);
      assertThat(registry.get("onesim.worker.items").tag("worker", "fulfilment").tag("outcome", "claimed").functionCounter().count())
          .isEqualTo(claimedByA);
      assertThat(registry.get("onesim.partner.webhooks.failed").gauge().value()).isZero();
    }
    sim.close();
    BackendHealth providerDown = backend.health(null, BackendHealth.Thresholds.defaults());
    assertThat(providerDown.status()).isEqualTo(BackendHealth.Status.DOWN);
    assertThat(providerDown.component("provider").orElseThrow().status()).isEqualTo(BackendHealth.Status.DOWN);
    assertThat(providerDown.component("database").orElseThrow().status()).isEqualTo(BackendHealth.Status.UP);
    assertThat(count("select count(distinct esim_tran_no) from orders where order_status = 'ALLOCATED'")).isEqualTo(60);
    assertThat(sim.profileCount()).as("no profile bought twice").isEqualTo(60);
    assertThat((long) sim.charges()).as("one provider charge per batch the workers formed")
        .isEqualTo(count("select count(distinct provider_transaction_id) from orders"));
    assertThat(workerThreads()).as("close() leaves no thread").isZero();
  }

  @Test
  void aFailingWorkerIsCountedAndNeverStopsTheOthers() throws Exception {
    AtomicInteger healthyPasses = new AtomicInteger();
    Worker broken = new Worker() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public WorkerPass runOnce() {
        throw new IllegalStateException("the database went away");
      }
    };
    Worker steady = new Worker() {
      @Override
      public String name() {
        return "steady";
      }

      @Override
      public WorkerPass runOnce() {
        healthyPasses.incrementAndGet();
        return WorkerPass.IDLE;
      }
    };
    try (WorkerScheduler s = WorkerScheduler.start(List.of(new WorkerScheduler.Scheduled(broken, Duration.ofMillis(5)),
        new WorkerScheduler.Scheduled(steady, Duration.ofMillis(5))), Duration.ofSeconds(5))) {
      await("both ran", () -> healthyPasses.get() >= 20 && s.health().get(0).failures() >= 3);
      WorkerHealth b = s.health().get(0);
      assertThat(b.lastError()).isEqualTo("IllegalStateException: the database went away");
      assertThat(b.consecutiveFailures()).isEqualTo(b.failures());
      assertThat(b.healthy(Duration.ofMinutes(1))).isFalse();
      assertThat(s.health().get(1).healthy(Duration.ofMinutes(1))).isTrue();
    }
    assertThat(workerThreads()).isZero();
    assertThat(WorkerScheduler.backoff(Duration.ofSeconds(2), 1)).isEqualTo(Duration.ofSeconds(4));
    assertThat(WorkerScheduler.backoff(Duration.ofSeconds(2), 40)).isEqualTo(Duration.ofMinutes(5));
  }
}
