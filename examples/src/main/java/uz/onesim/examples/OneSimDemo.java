package uz.onesim.examples;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.money.MonetaryAmount;
import uz.onesim.client.CallOptions;
import uz.onesim.backend.CatalogSync;
import uz.onesim.client.CustomerGroup;
import uz.onesim.client.ImportResult;
import uz.onesim.client.NewCustomer;
import uz.onesim.backend.OneSimBackend;
import uz.onesim.client.OneSim;
import uz.onesim.client.Order;
import uz.onesim.backend.FulfilmentWorker;
import uz.onesim.client.PartnerCustomer;
import uz.onesim.client.PartnerDashboard;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.core.Amounts;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.esimaccess.ProviderEventHandler;
import uz.onesim.esimaccess.ProviderEventResult;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.SampleData;
import uz.onesim.testkit.SimPackage;

/**
 * README command one: a short, readable business day of OneSIM on the embedded default — a local
 * Supabase (embedded PostgreSQL + real PostgREST) and the eSIM Access simulator, started here and
 * stopped at the end. A consumer buys; Grand Travel Tour (5 %) buys for Aziza and Jahongir; Silk
 * Road Premium (10 %) buys; the Antalya group of 20 gets one bulk purchase; the provider's webhook
 * allocates; one eSIM is cancelled and refunded; the dashboard prints.
 *
 * <p>With {@code SUPABASE_URL} and {@code SUPABASE_ANON_KEY} set it only reads the real project's
 * public catalogue (it never writes to a real project).
 */
public final class OneSimDemo {
  private OneSimDemo() {}

  public static void main(String[] args) throws Exception {
    String url = System.getenv("SUPABASE_URL");
    if (url != null && !url.isBlank()) {
      readOnly(url, System.getenv("SUPABASE_ANON_KEY"), System.out);
      return;
    }
    run(System.out);
  }

  /** Against a real project: read the public catalogue, write nothing. */
  static void readOnly(String url, String anonKey, PrintStream out) {
    PostgrestClient db = PostgrestClient.builder().supabaseUrl(url).apiKey(anonKey).build();
    out.printf("Connected to %s (read-only): %d active packages in the catalogue.%n", url, db.from("esim_packages").total());
  }

  public static void run(PrintStream out) throws Exception {
    out.println("Starting a local Supabase (embedded PostgreSQL 17 + PostgREST 12) and the eSIM Access simulator...");
    List<SimPackage> catalog = new ArrayList<>(SampleData.simulatorCatalog());
    catalog.addAll(SimPackage.generated(2026));
    try (EmbeddedDefault env = EmbeddedDefault.start(catalog, Duration.ofSeconds(20))) {
      play(out, env.supabase, env.sim, env.esim, env.onesim, env.backend);
    }
    out.println("Done. Everything started for the demo has been stopped.");
  }

  private static void play(PrintStream out, LocalSupabase supabase, EsimAccessSimulator sim, EsimAccessClient esim, OneSim onesim,
      OneSimBackend backend)
      throws Exception {
    // The catalogue every order is priced from.
    CatalogSync.Report sync = backend.catalogSync((step, done, total) -> {
      if (step.equals("esim_packages") && (done == total || done % 1000 == 0)) {
        out.printf("  writing new and changed packages: %d/%d%n", done, total);
      }
    }).run();
    out.printf("Catalogue synced from eSIM Access: %d packages seen, %d new, %d updated, %d unchanged, %d retired; 50 %% margin.%n%n",
        sync.seen(), sync.created(), sync.updated(), sync.seen() - sync.created() - sync.updated(), sync.deactivated());

    // The backend listens for the provider's webhooks.
    FulfilmentWorker fulfiller = backend.fulfilmentWorker("demo-backend");
    ProviderEventHandler hooks = ProviderEventHandler.builder().verifyWith(esim).build();
    int[] allocatedByWebhook = {0};
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    http.createContext("/webhooks/esimaccess", ex -> {
      ProviderEventResult r = hooks.handle(ex.getRequestHeaders(), ex.getRequestBody().readAllBytes(), null);
      if (r.shouldApply()) {
        allocatedByWebhook[0] += fulfiller.onProviderEvent(r.event()).size();
      }
      ex.sendResponseHeaders(r.httpStatus(), -1);
      ex.close();
    });
    http.start();
    try {
      esim.saveWebhook("http://127.0.0.1:" + http.getAddress().getPort() + "/webhooks/esimaccess");

      // 1. OneSIM Shop: a consumer buys at retail.
      Order shop = onesim.asUser(supabase.userJwt(SampleData.CUSTOMER_USER)).orders().buy(SampleData.TR_1GB, 1, CallOptions.none()).get(0);
      out.printf("OneSIM Shop: Dilnoza buys %s for %s (%s som).%n", shop.packageCode(), usd(shop.paid()), som(shop.paidUzs()));
      backend.payments().confirm(List.of(shop.id()), "payme", "payme-tx-demo-1", shop.paidUzs());   // paid in som
      out.println("  Payme confirms 189750 som; the order is paid and can be fulfilled.");

      // 2. OneSIM Reseller: Grand Travel Tour (default 5 %) buys for two customers.
      OneSim.UserSession grand = onesim.asUser(supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
      PartnerCustomer aziza = grand.customers().save(NewCustomer.of("Aziza", "Karimova", "aziza@example.com", "+998901111111"));
      PartnerCustomer jahongir = grand.customers().save(NewCustomer.of("Jahongir", "Xasanov", "jahongir@example.com", "+998902222222"));
      for (PartnerCustomer c : List.of(aziza, jahongir)) {
        Order o = grand.orders().buyForCustomer(c.id(), SampleData.TR_1GB, 1, CallOptions.none()).get(0);
        out.printf("Grand Travel Tour buys %s for %s %s: retail %s, pays %s, saves %s.%n", o.packageCode(), c.firstName(),
            c.lastName(), usd(o.retail()), usd(o.paid()), usd(o.discount()));
      }

      // 3. A premium partner on a custom 10 %.
      Order silk = onesim.asUser(supabase.userJwt(SampleData.SILK_ROAD_USER)).orders()
          .buyForCustomer(SampleData.BOBUR, SampleData.TR_1GB, 1, CallOptions.none()).get(0);
      out.printf("Silk Road Premium (custom %s%%) buys for Bobur Aliyev: pays %s, saves %s.%n",
          silk.discountRate().percent().toPlainString(), usd(silk.paid()), usd(silk.discount()));

      // 4. The Antalya tour group of 20: import the list, one bulk purchase.
      List<NewCustomer> tourists = IntStream.rangeClosed(1, 18).mapToObj(i ->
          NewCustomer.of("Tourist", "No. " + i, "antalya" + i + "@example.com", null)).toList();
      ImportResult imported = grand.customers().importAll(tourists, false);
      CustomerGroup antalya = grand.groups().get(SampleData.ANTALYA_GROUP);
      grand.groups().addMembers(antalya.id(), imported.saved().stream().map(PartnerCustomer::id).toList());
      out.printf("Antalya group: %d members (%d imported in one call).%n", grand.groups().get(antalya.id()).groupSize(),
          imported.saved().size());
      List<Order> bulk = grand.orders().buyForGroup(antalya.id(), SampleData.TR_3GB, CallOptions.idempotencyKey("antalya-oct-2024"));
      out.printf("  bulk purchase: %d orders of %s in one call, %s each instead of %s.%n", bulk.size(), SampleData.TR_3GB,
          usd(bulk.get(0).paid()), usd(bulk.get(0).retail()));

      // 5. The backend places the provider orders; the provider's webhook allocates them.
      var report = fulfiller.runOnce();
      out.printf("Backend: %d orders claimed, %d provider orders placed, waiting for eSIM Access...%n", report.claimed(),
          report.providerOrders().size());
      sim.clock().advance(Duration.ofSeconds(21));
      sim.deliverWebhooks();
      out.printf("  webhook: %d eSIMs allocated; each order now has its ICCID and activation code.%n", allocatedByWebhook[0]);

      // 6. One eSIM is cancelled before use and refunded.
      Order refunded = fulfiller.cancel(bulk.get(bulk.size() - 1).id());
      out.printf("Cancelled and refunded: order for %s %s (%s).%n%n", refunded.customerFirstName(), refunded.customerLastName(),
          refunded.status());

      // 7. Grand Travel Tour's dashboard, in one round trip.
      PartnerDashboard d = grand.dashboard(5);
      out.println("Grand Travel Tour - dashboard");
      out.printf("  %-22s %8s %9s %8s%n", "Recent orders", "Retail", "You paid", "Savings");
      for (PartnerDashboard.RecentOrder r : d.recentOrders()) {
        out.printf("  %-22s %8s %9s %8s  %s%n", r.customerFirstName() + " " + r.customerLastName(), plain(r.retail()),
            plain(r.paid()), plain(r.savings()), r.status());
      }
      PartnerDashboard.Stats s = d.stats();
      out.printf("  %-22s %8s %9s %8s%n", "Totals (" + s.completedOrders() + " completed)", plain(s.retailValue()),
          plain(s.totalSpent()), plain(s.totalSavings()));
      out.printf("  Discount realised: %s%%   Orders placed: %d (active %d, cancelled %d)%n",
          s.realizedDiscountPercent() == null ? "0" : s.realizedDiscountPercent().toPlainString(), s.ordersPlaced(),
          s.activeOrders(), s.cancelledOrders());
      out.printf("  Prepaid balance: %s USD (credit limit %s, available %s)%n", uz.onesim.core.Amounts.decimal(d.account().balance()),
          uz.onesim.core.Amounts.decimal(d.account().creditLimit()), uz.onesim.core.Amounts.decimal(d.account().available()));
      var statement = grand.partner().statement(java.time.YearMonth.now(java.time.ZoneOffset.UTC));
      out.printf("  This month: opening %s, funding %s, purchases -%s (%d), refunds %s, closing %s USD%n",
          uz.onesim.core.Amounts.decimal(statement.opening()), uz.onesim.core.Amounts.decimal(statement.funding()),
          uz.onesim.core.Amounts.decimal(statement.purchasesPaid()), statement.purchases(),
          uz.onesim.core.Amounts.decimal(statement.refunds()), uz.onesim.core.Amounts.decimal(statement.closing()));
      out.printf("eSIM Access balance left: %s USD.%n", new BigDecimal(sim.balanceUnits()).movePointLeft(4).setScale(2).toPlainString());
    } finally {
      http.stop(0);
    }
  }

  private static String usd(MonetaryAmount a) {
    return Amounts.decimal(a).toPlainString() + " USD";
  }

  private static String plain(MonetaryAmount a) {
    return Amounts.decimal(a).toPlainString();
  }

  private static String som(MonetaryAmount a) {
    return Amounts.decimal(a).toPlainString();
  }
}
