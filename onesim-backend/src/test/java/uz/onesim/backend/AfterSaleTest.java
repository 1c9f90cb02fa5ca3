package uz.onesim.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.onesim.client.AfterSaleRequest;
import uz.onesim.client.CallOptions;
import uz.onesim.client.OneSim;
import uz.onesim.client.Order;
import uz.onesim.core.ConflictException;
import uz.onesim.core.DeliveryMethod;
import uz.onesim.core.NotFoundException;
import uz.onesim.core.OrderStatus;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/** A partner's after-sale requests end to end: ask, the backend answers (provider, channels), the money follows. */
class AfterSaleTest {
  LocalSupabase supabase;
  LocalDatabase db;
  EsimAccessSimulator sim;
  OneSimBackend backend;
  OneSim.UserSession grand;
  final List<String> sent = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    supabase = LocalSupabaseExtension.freshShared();
    db = supabase.database();
    sim = EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog()).balanceUsd("1000").build();
    backend = OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey())
        .esimAccess(FlowsTest.client(sim, 3)).build();
    grand = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build()
        .asUser(supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  FulfilmentWorker fulfiller() {
    DeliveryChannel recording = new DeliveryChannel() {
      @Override
      public String method() {
        return "whatsapp";
      }

      @Override
      public String deliver(Order order) {
        sent.add(order.id().toString());
        return "sent";
      }
    };
    return backend.fulfilmentWorker("after-sale", FulfilmentWorker.Options.defaults().withAwaitAllocation(Duration.ofSeconds(10)),
        List.of(recording));
  }

  BigDecimal balance() {
    return (BigDecimal) db.value(Identity.superuser(), "select balance_usd from partners where id = ?", SampleData.GRAND_TRAVEL);
  }

  @Test
  void cancelAnUnusedEsimRefundsTheBalanceAUsedOneIsRefusedAndAResendIsSent() {
    CallOptions whatsapp = CallOptions.none().withDelivery(DeliveryMethod.WHATSAPP);
    Order unused = grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 1, whatsapp).get(0);
    Order used = grand.orders().buyForCustomer(SampleData.JAHONGIR, SampleData.TR_1GB, 1, whatsapp).get(0);
    assertThat(unused.deliveryMethod()).isEqualTo(uz.onesim.core.DeliveryMethod.WHATSAPP);
    FulfilmentWorker fulfiller = fulfiller();
    fulfiller.runOnce();
    assertThat(sent).hasSize(2);
    Order usedNow = grand.orders().get(used.id());
    sim.download(usedNow.esimTranNo());
    sim.install(usedNow.esimTranNo());
    sim.enable(usedNow.esimTranNo());
    sim.use(usedNow.esimTranNo(), 1_000_000);
    Order pending = grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 1, CallOptions.none()).get(0);

    AfterSaleRequest resend = grand.orders().requestResend(unused.id());
    AfterSaleRequest cancel = grand.orders().requestCancel(unused.id(), "trip cancelled");
    AfterSaleRequest refusedLater = grand.orders().requestCancel(used.id(), "changed plans");
    assertThat(List.of(resend.status(), cancel.status(), refusedLater.status())).containsOnly("pending");
    assertThat(catchThrowableOfType(() -> grand.orders().requestCancel(unused.id(), "again"), ConflictException.class).code())
        .isEqualTo("request_open");
    assertThat(catchThrowableOfType(() -> grand.orders().requestCancel(pending.id(), null), ConflictException.class).code())
        .isEqualTo("not_allocated");
    OneSim.UserSession silk = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build()
        .asUser(supabase.userJwt(SampleData.SILK_ROAD_USER));
    assertThat(catchThrowableOfType(() -> silk.orders().requestCancel(unused.id(), null), NotFoundException.class).code())
        .isEqualTo("unknown_order");

    BigDecimal before = balance();
    AfterSaleWorker desk = backend.afterSaleWorker("after-sale", fulfiller);
    assertThat(desk.runOnce()).isEqualTo(new AfterSaleWorker.Report(3, 2, 1, 0, false));
    assertThat(desk.runOnce().claimed()).as("each request is answered once").isZero();

    assertThat(sent).as("the resend went through the order's channel").hasSize(3).last().isEqualTo(unused.id().toString());
    assertThat(grand.orders().get(unused.id()).status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(balance()).as("the refund is back on the balance").isEqualByComparingTo(before.add(new BigDecimal("14.25")));
    assertThat(grand.orders().get(used.id()).status()).isEqualTo(OrderStatus.ALLOCATED);
    Map<String, AfterSaleRequest> byId = grand.orders().afterSaleRequests(10).stream()
        .collect(Collectors.toMap(r -> r.id().toString(), r -> r));
    assertThat(byId.get(resend.id().toString())).satisfies(r -> {
      assertThat(r.status()).isEqualTo("done");
      assertThat(r.outcome()).isEqualTo("sent");
    });
    assertThat(byId.get(cancel.id().toString())).satisfies(r -> {
      assertThat(r.status()).isEqualTo("done");
      assertThat(r.outcome()).isEqualTo("cancelled; 14.25 USD back to the balance");
      assertThat(r.processedAt()).isNotNull();
    });
    assertThat(byId.get(refusedLater.id().toString())).satisfies(r -> {
      assertThat(r.status()).isEqualTo("refused");
      assertThat(r.outcome()).startsWith("esim_in_use");
    });
    assertThat(silk.orders().afterSaleRequests(10)).isEmpty();
  }
}
