package uz.onesim.examples;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import uz.onesim.client.CallOptions;
import uz.onesim.client.CustomerGroup;
import uz.onesim.backend.FulfilmentReport;
import uz.onesim.client.NewCustomer;
import uz.onesim.client.Order;
import uz.onesim.client.PartnerCustomer;
import uz.onesim.core.Amounts;
import uz.onesim.testkit.SampleData;

/** A partner imports a tour group and buys one eSIM for every member in one call; the backend places one provider order. */
public final class GroupPurchaseExample {
  private GroupPurchaseExample() {}

  public static void main(String[] args) {
    try (EmbeddedDefault env = EmbeddedDefault.start()) {
      run(env, System.out, 30);
    }
  }

  static void run(EmbeddedDefault env, PrintStream out, int size) {
    var partner = env.as(SampleData.GRAND_TRAVEL_USER);
    CustomerGroup group = partner.groups().create("Istanbul Tour - May", "TR", "Istanbul", LocalDate.of(2027, 5, 1), LocalDate.of(2027, 5, 8));
    List<NewCustomer> members = IntStream.rangeClosed(1, size)
        .mapToObj(i -> NewCustomer.of("Traveller", "No. " + i, "istanbul" + i + "@example.com", null)).toList();
    List<PartnerCustomer> saved = partner.customers().importAll(members, true).saved();
    partner.groups().addMembers(group.id(), saved.stream().map(PartnerCustomer::id).toList());
    List<Order> orders = partner.orders().buyForGroup(group.id(), SampleData.TR_5GB, CallOptions.idempotencyKey("istanbul-may"));
    out.printf("%d orders in one call at %s USD each (retail %s)%n", orders.size(), Amounts.decimal(orders.get(0).paid()),
        Amounts.decimal(orders.get(0).retail()));
    FulfilmentReport r = env.backend.fulfilmentWorker("example", uz.onesim.backend.FulfilmentWorker.Options.defaults()
        .withAwaitAllocation(java.time.Duration.ofSeconds(30))).runOnce();   // 30 profiles per provider order
    out.printf("Backend: %d provider order(s) for %d profiles, %d allocated%n", r.providerOrders().size(), r.claimed(), r.allocated());
  }
}
