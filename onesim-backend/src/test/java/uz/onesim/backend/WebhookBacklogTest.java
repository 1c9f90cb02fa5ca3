package uz.onesim.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.SampleData;
import uz.onesim.testkit.LocalSupabaseExtension;

/**
 * An endpoint with a backlog: the worker sending to it claims its next batch while the current one
 * is still out (never an order whose event is still in flight), and the endpoint's limit counts both.
 */
class WebhookBacklogTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String EMIT = """
      select private.emit_partner_event(?::uuid, 'order.allocated', pg_catalog.jsonb_build_object('order_id', 'order-' || o, 'n', ?::int))
      from generate_series(?::int, ?::int) o""";
  LocalSupabase supabase;
  LocalDatabase db;
  OneSimBackend backend;
  HttpServer endpoint;
  String endpointId;
  // what the endpoint saw, in order: ">order-N#n" when a request came, "<order-N#n" when it was answered
  final List<String> log = new CopyOnWriteArrayList<>();
  final List<String> answered = new CopyOnWriteArrayList<>();
  final AtomicInteger now = new AtomicInteger();
  final AtomicInteger most = new AtomicInteger();
  volatile java.util.function.Consumer<String> beforeAnswer = e -> {};

  @BeforeEach
  void start() throws IOException {
    supabase = LocalSupabaseExtension.freshShared();
    db = supabase.database();
    backend = OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey())
        .esimAccess(EsimAccessClient.builder().baseUrl("http://127.0.0.1:9").accessCode("unused").build()).build();   // not called
    endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    endpoint.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    endpoint.createContext("/hooks", ex -> {
      most.accumulateAndGet(now.incrementAndGet(), Math::max);
      JsonNode data = JSON.readTree(ex.getRequestBody().readAllBytes()).path("data");
      String event = data.path("order_id").asText() + "#" + data.path("n").asInt();
      log.add(">" + event);
      beforeAnswer.accept(event);
      log.add("<" + event);
      answered.add(event);
      now.decrementAndGet();
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    endpoint.start();
    String url = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/hooks";
    endpointId = String.valueOf(db.value(Identity.superuser(),
        "insert into webhook_endpoints (partner_id, url, events) values (?::uuid, ?, array['order.allocated']) returning id::text",
        SampleData.GRAND_TRAVEL, url));
    db.update(Identity.superuser(), "insert into private.webhook_secrets (endpoint_id, secret) values (?::uuid, 'whsec_backlog_test')", endpointId);
  }

  @AfterEach
  void stop() {
    endpoint.stop(0);
  }

  /** The endpoint answers each request once {@code open} is counted down (10 s at most), then {@code millis} later. */
  static java.util.function.Consumer<String> answerAfter(CountDownLatch open, long millis) {
    return event -> {
      try {
        open.await(10, TimeUnit.SECONDS);
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  /** Runs {@code step} until {@code n} of the endpoint's deliveries are delivered, {@code seconds} at most. */
  void untilDelivered(long n, int seconds, Runnable step) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!db.value(Identity.superuser(), "select count(*) from webhook_deliveries where status = 'delivered' and endpoint_id = ?::uuid",
        endpointId).equals(n) && System.nanoTime() < deadline) {
      step.run();
    }
  }

  /** Runs {@code step} until the endpoint has answered {@code n} requests, for at most {@code seconds}. */
  void untilAnswered(int n, int seconds, Runnable step) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (answered.size() < n && System.nanoTime() < deadline) {
      step.run();
    }
  }

  static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Order from..to's event n, each in a transaction of its own (deliveries of one transaction have one time). */
  void emit(int from, int to, int n) {
    for (int o = from; o <= to; o++) {
      db.query(Identity.superuser(), EMIT, SampleData.GRAND_TRAVEL, n, o, o);
    }
  }

  List<String> claim(String worker, int perEndpoint, String onlyEndpoint) {
    String sql = onlyEndpoint == null
        ? "select subject from claim_webhook_deliveries(?, 200, 60, ?) order by event_created_at, subject"
        : "select subject from claim_webhook_deliveries(?, 200, 60, ?, ?::uuid) order by event_created_at, subject";
    Object[] args = onlyEndpoint == null ? new Object[] {worker, perEndpoint} : new Object[] {worker, perEndpoint, onlyEndpoint};
    return db.query(Identity.serviceRole(), sql, args).stream().map(r -> (String) r.get("subject")).toList();
  }

  @Test
  void theWorkerSendingToAnEndpointClaimsItsNextButNeverAnOrderStillInFlight() {
    emit(1, 6, 1);
    emit(1, 1, 2);   // order-1's second event, later
    assertThat(claim("w1", 3, null)).containsExactly("order-1", "order-2", "order-3");
    assertThat(claim("w2", 10, endpointId)).as("another worker may not join an endpoint being sent to").isEmpty();
    assertThat(claim("w2", 10, null)).as("nor claim it").isEmpty();
    assertThat(claim("w1", 10, endpointId)).as("the sender goes on, but order-1's second waits for its first")
        .containsExactly("order-4", "order-5", "order-6");
    String first = String.valueOf(db.value(Identity.superuser(), """
        select d.id::text from webhook_deliveries d join webhook_events e on e.id = d.event_id
        where e.payload #>> '{data,order_id}' = 'order-1' and (e.payload #>> '{data,n}')::int = 1"""));
    assertThat(db.value(Identity.serviceRole(), "select record_webhook_attempt('w1', ?::uuid, 204, null, 5)", first)).isEqualTo("delivered");
    assertThat(claim("w1", 10, endpointId)).as("answered: now its second").containsExactly("order-1");
    assertThat(db.query(Identity.superuser(), "select lease_worker, count(*) as n from webhook_deliveries where status = 'pending' "
        + "and endpoint_id = ?::uuid group by 1", endpointId))
        .extracting(r -> r.get("lease_worker") + "=" + r.get("n")).containsExactly("w1=6");
    // w1 stalls past its leases: another worker takes the endpoint over, and w1 cannot go on with it
    db.update(Identity.superuser(), "update webhook_deliveries set lease_until = now() - interval '1 second' where lease_worker = 'w1'");
    assertThat(claim("w2", 3, null)).hasSize(3);
    assertThat(claim("w1", 10, endpointId)).as("the endpoint is w2's now").isEmpty();
  }

  @Test
  void aPassThatEndsWithAWholeBatchOutAsksToRunAgainAtOnce() throws Exception {
    // one in flight: batches of 6; the endpoint answers nothing until the first pass has returned
    CountDownLatch firstPassOver = new CountDownLatch(1);
    beforeAnswer = answerAfter(firstPassOver, 0);
    emit(1, 7, 1);
    PartnerWebhookWorker worker = backend.partnerWebhookWorker("hooks-1").withInFlightPerEndpoint(1);
    assertThat(worker.runOnce()).as("more is waiting behind a whole batch: the scheduler runs the next pass at once")
        .isEqualTo(new PartnerWebhookWorker.Report(6, 0, 0, 0, 6, true));
    firstPassOver.countDown();
    untilAnswered(7, 10, worker::runOnce);
    assertThat(answered).hasSize(7).doesNotHaveDuplicates();
  }

  @Test
  void aBatchAskingForItsNextBetweenPassesNeverOpensASecondWayToTheEndpoint() throws Exception {
    // one in flight, batches of 6: the first batch finishes between passes, its call for the next
    // waits; the next pass claims the endpoint afresh, then handles that call while the new batch is out
    CountDownLatch open = new CountDownLatch(1);
    beforeAnswer = answerAfter(open, 50);
    emit(1, 13, 1);
    PartnerWebhookWorker worker = backend.partnerWebhookWorker("hooks-1").withInFlightPerEndpoint(1);
    assertThat(worker.runOnce().claimed()).isEqualTo(6);
    open.countDown();
    untilDelivered(6, 10, WebhookBacklogTest::pause);
    untilAnswered(13, 10, worker::runOnce);
    assertThat(answered).hasSize(13).doesNotHaveDuplicates();
    assertThat(most.get()).as("requests in flight to the endpoint at most").isEqualTo(1);
  }

  @Test
  void aWorkerStuckPastItsLeaseLosesTheEndpointAndItsLateAnswersChangeNothing() throws Exception {
    // A's requests hang 3 s, longer than its 2 s lease; B takes the endpoint over and the endpoint answers B at once
    long t0 = System.nanoTime();
    beforeAnswer = event -> {
      if (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(1)) {
        try {
          Thread.sleep(3_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    emit(1, 6, 1);
    WorkerOptions twoSeconds = new WorkerOptions(200, java.time.Duration.ofSeconds(2));
    PartnerWebhookWorker a = backend.partnerWebhookWorker("hooks-a", twoSeconds).withInFlightPerEndpoint(2);
    PartnerWebhookWorker b = backend.partnerWebhookWorker("hooks-b", twoSeconds).withInFlightPerEndpoint(2);
    assertThat(a.perEndpoint()).as("one round fits in the lease").isEqualTo(2);
    assertThat(a.runOnce()).as("A's batch is stuck, and the next it claimed waits for the endpoint")
        .isEqualTo(new PartnerWebhookWorker.Report(4, 0, 0, 0, 4, true));
    Thread.sleep(Math.max(0, TimeUnit.SECONDS.toMillis(2) + 200 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)));
    untilDelivered(6, 15, b::runOnce);
    // A's two answers come at 3 s: kept as attempts, outcomes lease_lost; its next batch, whose lease ran out while it
    // waited for the endpoint, is not sent at all
    PartnerWebhookWorker.Report late = a.runOnce();
    assertThat(late.claimed()).as("nothing left for A").isZero();
    assertThat(late.retrying()).as("two late answers and two not sent, all lease_lost").isEqualTo(4);
    assertThat(db.query(Identity.superuser(), """
        select e.payload #>> '{data,order_id}' as o, d.status, d.attempts, (select count(*) from webhook_attempts x where x.delivery_id = d.id) as kept
        from webhook_deliveries d join webhook_events e on e.id = d.event_id where d.endpoint_id = ?::uuid order by e.created_at""", endpointId))
        .extracting(r -> r.get("o") + " " + r.get("status") + " " + r.get("attempts") + "/" + r.get("kept"))
        .as("the stuck two were sent again by B; A's late attempts are kept and changed nothing; A never sent 3 and 4")
        .containsExactly("order-1 delivered 1/2", "order-2 delivered 1/2", "order-3 delivered 1/1", "order-4 delivered 1/1",
            "order-5 delivered 1/1", "order-6 delivered 1/1");
  }

  @Test
  void aBacklogGoesOnWhileOneRequestIsSlowAndTheLimitCountsBothBatches() throws Exception {
    // 2 in flight: batches of 12 (6 rounds). order-1's first event is held until a request of the
    // next batch arrives: only a worker that claims the next batch while this one is out gets there.
    CountDownLatch nextBatchArrived = new CountDownLatch(1);
    AtomicBoolean releasedByNextBatch = new AtomicBoolean();
    beforeAnswer = event -> {
      int order = Integer.parseInt(event.substring("order-".length(), event.indexOf('#')));
      if (order > 12) {
        nextBatchArrived.countDown();
      }
      if (event.equals("order-1#1")) {
        try {
          releasedByNextBatch.set(nextBatchArrived.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    emit(1, 24, 1);
    emit(1, 1, 2);
    PartnerWebhookWorker worker = backend.partnerWebhookWorker("hooks-1").withInFlightPerEndpoint(2);
    assertThat(worker.perEndpoint()).isEqualTo(12);
    long t0 = System.nanoTime();
    int claimed = 0;
    while (answered.size() < 25 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(20)) {
      claimed += worker.runOnce().claimed();
    }
    assertThat(releasedByNextBatch).as("the next batch went out while order-1's first was still being answered").isTrue();
    assertThat(answered).hasSize(25).doesNotHaveDuplicates();
    assertThat(claimed).as("each claimed once").isEqualTo(25);
    assertThat(most.get()).as("requests in flight to the endpoint at most, both batches counted").isEqualTo(2);
    assertThat(log.indexOf(">order-1#2")).as("order-1's second event after its first was answered")
        .isGreaterThan(log.indexOf("<order-1#1"));
    untilDelivered(25, 10, WebhookBacklogTest::pause);   // the last batch is recorded by its last lane, perhaps after the last pass
    assertThat(db.query(Identity.superuser(), "select status, attempts, count(*) as n from webhook_deliveries where endpoint_id = ?::uuid "
        + "group by 1, 2", endpointId))
        .extracting(r -> r.get("status") + "/" + r.get("attempts") + "=" + r.get("n")).containsExactly("delivered/1=25");
  }
}
