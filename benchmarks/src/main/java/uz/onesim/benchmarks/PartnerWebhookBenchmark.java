package uz.onesim.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import uz.onesim.backend.OneSimBackend;
import uz.onesim.backend.PartnerWebhookWorker;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.client.postgrest.PostgrestListener;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.SampleData;

/**
 * The partners' webhook outbox: N events (default 5 000) waiting for one partner endpoint on this
 * machine, delivered by two dispatchers; prints events delivered per second and database requests
 * per event. Writing an event costs an order no request at all: the trigger writes it in the order's
 * own transaction.
 *
 * <pre>./mvnw -q -pl benchmarks -am compile exec:java -Dexec.mainClass=uz.onesim.benchmarks.PartnerWebhookBenchmark</pre>
 */
public final class PartnerWebhookBenchmark {
  private PartnerWebhookBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    System.setProperty("sun.net.httpserver.nodelay", "true");   // a partner's endpoint answers at once, no Nagle delay
    AtomicInteger received = new AtomicInteger();
    HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    ExecutorService endpointThreads = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "partner-endpoint");
      t.setDaemon(true);
      return t;
    });
    endpoint.setExecutor(endpointThreads);
    endpoint.createContext("/hooks", ex -> {
      ex.getRequestBody().readAllBytes();
      received.incrementAndGet();
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    endpoint.start();
    try (LocalSupabase supabase = LocalSupabase.start()) {
      String url = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/hooks";
      supabase.database().executeScript("""
          insert into public.webhook_endpoints (partner_id, url, events) values ('%s', '%s', array['order.allocated']);
          insert into private.webhook_secrets (endpoint_id, secret)
            select id, 'whsec_benchmark' from public.webhook_endpoints where url = '%s';
          select private.emit_partner_event('%s', 'order.allocated', pg_catalog.jsonb_build_object('n', g))
          from generate_series(1, %d) g;
          """.formatted(SampleData.GRAND_TRAVEL, url, url, SampleData.GRAND_TRAVEL, n));
      try (var c = supabase.database().connect(); var st = c.createStatement()) {
        st.execute("vacuum analyze public.webhook_deliveries");
      }
      AtomicInteger requests = new AtomicInteger();
      PostgrestClient service = PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.serviceRoleKey())
          .listener(PostgrestListener.counting(requests)).build();
      OneSimBackend backend = OneSimBackend.builder().postgrest(service)   // the provider is not called here
          .esimAccess(uz.onesim.esimaccess.EsimAccessClient.builder().baseUrl("http://127.0.0.1:9").accessCode("unused").build()).build();
      System.out.printf("%d events waiting for one endpoint on this machine; 2 dispatchers, 100 per claim%n", n);

      long t0 = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<Integer>> workers = new ArrayList<>();
      for (String name : List.of("outbox-1", "outbox-2")) {
        PartnerWebhookWorker d = backend.partnerWebhookWorker(name);
        workers.add(pool.submit(() -> {
          int delivered = 0;
          for (PartnerWebhookWorker.Report r = d.runOnce(); r.claimed() > 0; r = d.runOnce()) {
            delivered += r.delivered();
          }
          return delivered;
        }));
      }
      int delivered = 0;
      for (Future<Integer> w : workers) {
        delivered += w.get();
      }
      pool.shutdown();
      double seconds = (System.nanoTime() - t0) / 1e9;
      long stored = ((Number) supabase.database().value(Identity.superuser(),
          "select count(*) from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id "
              + "where d.status = 'delivered' and e.url = ?", url)).longValue();
      System.out.printf("delivered %d (endpoint received %d, %d marked delivered) in %.1f s: %.0f events/s%n",
          delivered, received.get(), stored, seconds, delivered / seconds);
      System.out.printf("database requests: %d = %.3f per event (one claim and one record of its attempts per pass; a pass takes at most 5 deliveries of one endpoint); "
          + "per order: 0 to write its event (same transaction) + %.3f to deliver it%n",
          requests.get(), (double) requests.get() / delivered, (double) requests.get() / delivered);
    } finally {
      endpoint.stop(0);
      endpointThreads.shutdownNow();
    }
  }
}
