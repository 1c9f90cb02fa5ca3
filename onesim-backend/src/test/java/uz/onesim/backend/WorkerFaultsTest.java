package uz.onesim.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/** Workers under faults (issue 26): slow provider calls against short leases, reconcile beyond one page. */
@ExtendWith(LocalSupabaseExtension.class)
class WorkerFaultsTest {
  LocalSupabase supabase;
  EsimAccessSimulator sim;

  @BeforeEach
  void setUp(LocalSupabase supabase, EsimAccessSimulator sim) {
    this.supabase = supabase;
    this.sim = sim;
  }

  OneSimBackend backend(EsimAccessClient esim) {
    return OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey()).esimAccess(esim).build();
  }

  long count(String sql, Object... params) {
    return ((Number) supabase.database().value(Identity.superuser(), sql, params)).longValue();
  }

  /** {@code n} paid shop orders of the sample customer for {@code packageCode}, written as the database owner. */
  void paidShopOrders(String packageCode, int n) {
    supabase.database().update(Identity.superuser(), "insert into orders (user_id, source_type, package_code, payment_status) "
        + "select ?, 'b2c', ?, 'paid' from generate_series(1, ?)", SampleData.CUSTOMER_USER, packageCode, n);
  }

  @Test
  void aFulfillerWhoseLeaseRanOutMidClaimSendsNothingForOrdersItNoLongerHolds() throws Exception {
    paidShopOrders(SampleData.TR_1GB, 30);
    paidShopOrders(SampleData.TR_3GB, 30);
    // A's first provider call takes longer than its one-second lease (a slow network, a stalled proxy)
    EsimAccessClient slowClient = FlowsTest.slowOnce(sim, "esim/order", 2_500);
    FulfilmentWorker.Options oneSecondLease = new FulfilmentWorker.Options(60, Duration.ofSeconds(1), 30, Duration.ofSeconds(10));
    FulfilmentWorker a = backend(slowClient).fulfilmentWorker("a", oneSecondLease);
    FulfilmentWorker b = backend(FlowsTest.client(sim, 3)).fulfilmentWorker("b", oneSecondLease);

    CompletableFuture<FulfilmentReport> first = CompletableFuture.supplyAsync(a::runOnce);
    Thread.sleep(1_400);               // A's lease is over while its first call hangs
    FulfilmentReport second = b.runOnce();
    FulfilmentReport late = first.get(30, TimeUnit.SECONDS);

    assertThat(second.claimed()).as("B took the batch A had not started").isEqualTo(30);
    assertThat(late.claimed()).isEqualTo(60);
    assertThat(late.providerOrders()).as("A sent only the batch it still held").hasSize(1);
    assertThat(sim.charges()).as("one charge per batch").isEqualTo(2);
    assertThat(sim.profileCount()).as("no profile bought for nobody").isEqualTo(60);
    assertThat(count("select count(*) from orders where order_status = 'ALLOCATED'")).isEqualTo(60);
  }

  @Test
  void reconcileReadsWholeBatchesBeyondOnePageAndFailsNothingItDoesNotKnow() {
    for (int i = 0; i < 34; i++) {
      paidShopOrders(i % 2 == 0 ? SampleData.TR_1GB : SampleData.TR_3GB, 30);
    }
    EsimAccessClient esim = FlowsTest.client(sim, 3);
    FulfilmentWorker placer = backend(esim).fulfilmentWorker("placer", FulfilmentWorker.Options.defaults().withAwaitAllocation(Duration.ZERO));
    int placed = 0;
    for (FulfilmentReport r = placer.runOnce(); r.claimed() > 0; r = placer.runOnce()) {
      placed += r.providerOrders().size();
    }
    assertThat(placed).isEqualTo(34);
    assertThat(count("select count(*) from orders where order_status = 'PROCESSING'")).as("more than PostgREST's 1 000-row page")
        .isEqualTo(1020);
    FulfilmentReport repaired = backend(esim).fulfilmentWorker("repair").reconcile();
    assertThat(repaired.failures()).isEmpty();
    assertThat(repaired.allocated()).isEqualTo(1020);
    assertThat(count("select count(*) from orders where order_status = 'FAILED'")).isZero();
    assertThat(sim.charges()).as("nothing replayed as a new order").isEqualTo(34);
  }
}
