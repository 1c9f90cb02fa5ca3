package uz.onesim.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import uz.onesim.backend.OneSimBackend;
import uz.onesim.backend.PartnerWebhookWorker;
import uz.onesim.backend.WorkerScheduler;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.client.postgrest.PostgrestListener;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.SampleData;

/**
 * The partners' webhook outbox, side by side in one run: events waiting for an endpoint on this
 * machine that answers at once and for one that answers in 50 ms, each alone and both at once,
 * delivered for a fixed time by two backend instances, each running its dispatcher under
 * {@link WorkerScheduler} as {@code OneSimBackend.workers} does, sending one request at a time per endpoint (as
 * before issue 29) and {@value PartnerWebhookWorker#DEFAULT_IN_FLIGHT_PER_ENDPOINT} at once (now).
 * Prints events delivered per second per endpoint and database requests per event. Writing an event
 * costs an order no request at all: the trigger writes it in the order's own transaction.
 *
 * <pre>./mvnw -q -pl benchmarks -am compile exec:java -Dexec.mainClass=uz.onesim.benchmarks.PartnerWebhookBenchmark [-Dexec.args=seconds]</pre>
 */
public final class PartnerWebhookBenchmark {
  private PartnerWebhookBenchmark() {}

  /** An endpoint on this machine that answers after {@code millis}, counting what it received. */
  record Endpoint(HttpServer server, AtomicInteger received, String url) {
    static Endpoint answeringAfter(int millis) throws java.io.IOException {
      AtomicInteger received = new AtomicInteger();
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
      server.setExecutor(Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "partner-endpoint");
        t.setDaemon(true);
        return t;
      }));
      server.createContext("/hooks", ex -> {
        ex.getRequestBody().readAllBytes();
        if (millis > 0) {
          try {
            Thread.sleep(millis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        received.incrementAndGet();
        ex.sendResponseHeaders(204, -1);
        ex.close();
      });
      server.start();
      return new Endpoint(server, received, "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks");
    }
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    System.setProperty("sun.net.httpserver.nodelay", "true");   // a partner's endpoint answers at once, no Nagle delay
    Endpoint local = Endpoint.answeringAfter(0);
    Endpoint slow = Endpoint.answeringAfter(50);
    try (LocalSupabase supabase = LocalSupabase.start()) {
      supabase.database().executeScript("""
          insert into public.webhook_endpoints (partner_id, url, events) values ('%s', '%s', array['order.allocated']);
          insert into public.webhook_endpoints (partner_id, url, events) values ('%s', '%s', array['order.allocated']);
          insert into private.webhook_secrets (endpoint_id, secret)
            select id, 'whsec_benchmark' from public.webhook_endpoints where url in ('%s', '%s');
          """.formatted(SampleData.GRAND_TRAVEL, local.url(), SampleData.SILK_ROAD, slow.url(), local.url(), slow.url()));
      AtomicInteger requests = new AtomicInteger();
      PostgrestClient service = PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.serviceRoleKey())
          .listener(PostgrestListener.counting(requests)).build();
      OneSimBackend backend = OneSimBackend.builder().postgrest(service)   // the provider is not called here
          .esimAccess(uz.onesim.esimaccess.EsimAccessClient.builder().baseUrl("http://127.0.0.1:9").accessCode("unused").build()).build();
      System.out.printf("2 dispatchers, %d s per run; endpoint A answers at once, endpoint B in 50 ms%n", seconds);
      System.out.printf("%-28s %-10s %12s %12s %16s%n", "run", "in flight", "A events/s", "B events/s", "DB requests/event");
      for (String run : List.of("A alone", "B alone", "A and B at once")) {
        for (int inFlight : List.of(1, PartnerWebhookWorker.DEFAULT_IN_FLIGHT_PER_ENDPOINT)) {
          boolean toA = !run.equals("B alone");
          boolean toB = !run.equals("A alone");
          supabase.database().executeScript("""
              update public.webhook_deliveries set status = 'failed', lease_until = null, lease_worker = null where status = 'pending';
              select private.emit_partner_event('%s', 'order.allocated', pg_catalog.jsonb_build_object('order_id', 'a-' || g))
              from generate_series(1, %d) g;
              select private.emit_partner_event('%s', 'order.allocated', pg_catalog.jsonb_build_object('order_id', 'b-' || g))
              from generate_series(1, %d) g;
              """.formatted(SampleData.GRAND_TRAVEL, toA ? 4_000 * seconds : 0, SampleData.SILK_ROAD, toB ? 600 * seconds : 0));
          try (var c = supabase.database().connect(); var st = c.createStatement()) {
            st.execute("vacuum analyze public.webhook_deliveries");
          }
          int a0 = local.received().get();
          int b0 = slow.received().get();
          int r0 = requests.get();
          // two backend instances, each scheduling its dispatcher as OneSimBackend.workers does: a full pass is followed at once,
          // an idle one waits 2 s
          List<WorkerScheduler> instances = new ArrayList<>();
          for (String name : List.of("outbox-1", "outbox-2")) {
            instances.add(WorkerScheduler.start(List.of(new WorkerScheduler.Scheduled(
                backend.partnerWebhookWorker(name).withInFlightPerEndpoint(inFlight), Duration.ofSeconds(2))), Duration.ofSeconds(30)));
          }
          Thread.sleep(seconds * 1_000L);
          int a = local.received().get() - a0;
          int b = slow.received().get() - b0;
          int r = requests.get() - r0;
          instances.forEach(WorkerScheduler::close);
          System.out.printf("%-28s %-10d %12.0f %12.0f %16.3f%n", run, inFlight, (double) a / seconds, (double) b / seconds,
              (double) r / Math.max(1, a + b));
          Thread.sleep(1_000);   // let batches still in flight finish before the next run
        }
      }
    } finally {
      local.server().stop(0);
      slow.server().stop(0);
    }
  }
}
