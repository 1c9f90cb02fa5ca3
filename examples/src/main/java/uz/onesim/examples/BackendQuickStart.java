package uz.onesim.examples;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import uz.onesim.backend.OneSimBackend;
import uz.onesim.client.CallOptions;
import uz.onesim.backend.FulfilmentReport;
import uz.onesim.client.OneSim;
import uz.onesim.client.Order;
import uz.onesim.backend.LifecycleOptions;
import uz.onesim.backend.FulfilmentWorker;
import uz.onesim.backend.ProviderEventWorker;
import uz.onesim.backend.ProviderEventReceiver;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.SampleData;

/**
 * Quick start for a webapp backend (the OneSIM side): configure the service key and eSIM Access,
 * mount the webhook handler (JDK {@code HttpServer} here; any framework works), and run the
 * fulfiller. With no credentials it runs on LocalSupabase and the eSIM Access simulator.
 */
public final class BackendQuickStart {
  private BackendQuickStart() {}

  public static void main(String[] args) throws Exception {
    try (EmbeddedDefault env = EmbeddedDefault.start(SampleData.simulatorCatalog(), Duration.ofSeconds(20))) {
      run(env.supabase, env.sim, env.esim, System.out);
    }
  }

  static void run(LocalSupabase local, EsimAccessSimulator sim, EsimAccessClient esim, PrintStream out) throws Exception {
    OneSimBackend backend = OneSimBackend.builder()
        .supabaseUrl(local.url())
        .serviceKey(local.serviceRoleKey())          // OneSIM's servers only
        .esimAccess(esim)                            // OneSIM's servers only
        .build();
    FulfilmentWorker fulfiller = backend.fulfilmentWorker("backend-1");
    OneSim onesim = OneSim.builder().supabaseUrl(local.url()).apiKey(local.anonKey()).build();   // what the shop app uses

    // 1. Mount the webhook: each delivery is stored (once per notifyId) before it is answered, so
    //    none is lost; a worker applies them (below, and on a schedule in production).
    ProviderEventReceiver hooks = backend.providerEventReceiverFromAnySender();   // production: providerEventReceiver(ProviderEventHandler.PROVIDER_IPS)
    ProviderEventWorker events = backend.providerEventWorker("events-1", fulfiller, LifecycleOptions.defaults());
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    http.createContext("/webhooks/esimaccess", exchange -> {
      ProviderEventReceiver.Receipt r = hooks.receive(exchange.getRequestBody().readAllBytes(),
          exchange.getRemoteAddress().getAddress().getHostAddress());
      exchange.sendResponseHeaders(r.httpStatus(), -1);
      exchange.close();
    });
    http.start();
    try {
      esim.saveWebhook("http://127.0.0.1:" + http.getAddress().getPort() + "/webhooks/esimaccess");

      // 2. Someone buys (here a B2C customer in OneSIM Shop).
      Order bought = onesim.asUser(local.userJwt(SampleData.CUSTOMER_USER)).orders()
          .buy("TR_3GB_15D", 1, CallOptions.none()).get(0);
      out.printf("Shop order %s: %s at %s USD, %s%n", shortId(bought), bought.packageCode(),
          uz.onesim.core.Amounts.decimal(bought.paid()), bought.status());
      // Your payment provider's webhook (a PaymentConfirmation adapter) confirms; only paid orders are fulfilled.
      backend.payments().confirm(List.of(bought.id()), "payme", "payme-tx-42", bought.paid());

      // 3. The fulfiller places the provider order; the webhook completes it.
      FulfilmentReport report = fulfiller.runOnce();
      out.printf("Fulfiller: claimed %d, provider orders %s, waiting %d%n", report.claimed(), report.providerOrders().size(),
          report.waiting());
      sim.clock().advance(Duration.ofSeconds(21));   // the provider allocates...
      sim.deliverWebhooks();                         // ...and notifies us; the worker applies what was stored
      ProviderEventWorker.Report applied = events.runOnce();
      Order now = onesim.asUser(local.userJwt(SampleData.CUSTOMER_USER)).orders().get(bought.id());
      out.printf("Webhook: %d event(s) applied; order %s %s, ICCID %s%n", applied.applied(), shortId(now), now.status(), now.iccid());
      // 4. A crash-safe sweep: repairs anything left in between (nothing here).
      FulfilmentReport sweep = fulfiller.reconcile();
      out.printf("Reconcile: %d left in between%n", sweep.claimed());
    } finally {
      http.stop(0);
    }
  }

  private static String shortId(Order o) {
    return o.id().toString().substring(0, 8);
  }
}
