package uz.onesim.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.onesim.client.CallOptions;
import uz.onesim.client.OneSim;
import uz.onesim.client.Order;
import uz.onesim.client.WebhookDelivery;
import uz.onesim.client.WebhookService;
import uz.onesim.client.WebhookSignatureException;
import uz.onesim.client.WebhookVerifier;
import uz.onesim.core.ValidationException;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/** Signed webhooks to a partner's own server, end to end: outbox, dispatch, signature, retries, rotation, replay. */
class WebhooksTest {
  static final ObjectMapper JSON = new ObjectMapper();
  LocalSupabase supabase;
  LocalDatabase db;
  EsimAccessSimulator sim;
  OneSimBackend backend;
  OneSim.UserSession grand;
  HttpServer receiver;
  final List<Received> received = new CopyOnWriteArrayList<>();
  final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();

  record Received(String signature, String eventId, String eventType, byte[] body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  @BeforeEach
  void start() throws IOException {
    supabase = LocalSupabaseExtension.freshShared();
    db = supabase.database();
    sim = EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog()).balanceUsd("1000").build();
    EsimAccessClient esim = FlowsTest.client(sim, 3);
    backend = OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey()).esimAccess(esim).build();
    grand = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build()
        .asUser(supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    receiver.createContext("/hooks", ex -> {
      byte[] body = ex.getRequestBody().readAllBytes();
      received.add(new Received(ex.getRequestHeaders().getFirst(WebhookVerifier.SIGNATURE_HEADER),
          ex.getRequestHeaders().getFirst("OneSIM-Event-Id"), ex.getRequestHeaders().getFirst("OneSIM-Event-Type"), body));
      Integer status = answers.poll();
      ex.sendResponseHeaders(status == null ? 200 : status, -1);
      ex.close();
    });
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
    sim.close();
  }

  String hookUrl() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
  }

  long events() {
    return (Long) db.value(Identity.superuser(), "select count(*) from webhook_events where partner_id = ?", SampleData.GRAND_TRAVEL);
  }

  @Test
  void anAllocatedOrderReachesThePartnersServerSignedAndOnce() {
    WebhookService.Created created = grand.partner().webhooks().create(hookUrl(), Set.of("order.allocated", "order.failed"));
    assertThat(created.secret()).startsWith("whsec_").hasSize(6 + 43);
    assertThat(created.toString()).doesNotContain(created.secret());
    assertThat(grand.partner().webhooks().list()).singleElement().satisfies(e -> {
      assertThat(e.url()).isEqualTo(hookUrl());
      assertThat(e.events()).containsExactly("order.allocated", "order.failed");
    });

    Order order = grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 1, CallOptions.none()).get(0);
    assertThat(events()).as("nothing to announce until something happens").isZero();
    backend.fulfilmentWorker("w", FulfilmentWorker.Options.defaults().withAwaitAllocation(Duration.ofSeconds(10))).runOnce();
    assertThat(events()).as("the allocation wrote its event in the same transaction").isEqualTo(1L);

    PartnerWebhookWorker dispatcher = backend.partnerWebhookWorker("hooks-1");
    assertThat(dispatcher.runOnce()).isEqualTo(new PartnerWebhookWorker.Report(1, 1, 0, 0, 0, false));
    assertThat(dispatcher.runOnce().claimed()).as("delivered once").isZero();
    assertThat(received).singleElement().satisfies(r -> {
      WebhookVerifier.of(created.secret()).verify(r.signature(), r.body());
      assertThat(r.eventType()).isEqualTo("order.allocated");
      JsonNode event = r.json();
      assertThat(event.path("id").asText()).isEqualTo(r.eventId());
      assertThat(event.path("type").asText()).isEqualTo("order.allocated");
      assertThat(event.path("data").path("order_id").asText()).isEqualTo(order.id().toString());
      assertThat(event.path("data").path("iccid").asText()).isNotBlank();
      assertThat(event.path("data").path("activation_code").asText()).startsWith("LPA:");
      assertThat(event.path("data").path("paid_usd").decimalValue()).isEqualByComparingTo("14.25");
    });
    // A tampered body or another endpoint's secret is refused, with the reason.
    Received r = received.get(0);
    byte[] tampered = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8).replace("14.25", "0.01")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(catchThrowableOfType(() -> WebhookVerifier.of(created.secret()).verify(r.signature(), tampered),
        WebhookSignatureException.class).reason()).isEqualTo("no_matching_signature");
    assertThat(grand.partner().webhooks().deliveries(10)).singleElement().satisfies(d -> {
      assertThat(d.status()).isEqualTo("delivered");
      assertThat(d.attempts()).isEqualTo(1);
      assertThat(d.lastStatusCode()).isEqualTo(200);
    });
  }

  @Test
  void aFailingServerIsRetriedWithBackoffAndAReplayIsANewDelivery() {
    WebhookService.Created created = grand.partner().webhooks().create(hookUrl(), Set.of("order.failed"));
    Order order = grand.orders().buyForCustomer(SampleData.JAHONGIR, SampleData.TR_1GB, 1, CallOptions.none()).get(0);
    db.update(Identity.superuser(), "update orders set order_status = 'FAILED', failure_reason = 'test' where id = ?", order.id());

    PartnerWebhookWorker dispatcher = backend.partnerWebhookWorker("hooks-2");
    answers.add(500);
    assertThat(dispatcher.runOnce()).isEqualTo(new PartnerWebhookWorker.Report(1, 0, 1, 0, 0, false));
    WebhookDelivery pending = grand.partner().webhooks().deliveries(10).get(0);
    assertThat(pending.status()).isEqualTo("pending");
    assertThat(pending.lastStatusCode()).isEqualTo(500);
    assertThat(pending.nextAttemptAt()).as("the first retry waits 30 s").isAfter(java.time.OffsetDateTime.now().plusSeconds(20));
    assertThat(dispatcher.runOnce().claimed()).as("not due yet").isZero();

    db.update(Identity.superuser(), "update webhook_deliveries set next_attempt_at = now() where id = ?", pending.id());
    assertThat(dispatcher.runOnce()).isEqualTo(new PartnerWebhookWorker.Report(1, 1, 0, 0, 0, false));
    assertThat(received).hasSize(2).extracting(Received::eventId).containsOnly(received.get(0).eventId());
    assertThat((Long) db.value(Identity.superuser(), "select count(*) from webhook_attempts where delivery_id = ?", pending.id()))
        .isEqualTo(2L);

    // The partner asks for it again: a new delivery of the same event, sent at the next run.
    UUID replay = grand.partner().webhooks().replay(pending.id());
    assertThat(replay).isNotEqualTo(pending.id());
    assertThat(dispatcher.runOnce().delivered()).isEqualTo(1);
    assertThat(received).hasSize(3).extracting(Received::eventId).containsOnly(received.get(0).eventId());
    received.forEach(r -> WebhookVerifier.of(created.secret()).verify(r.signature(), r.body()));

    // A delivery that keeps failing past its day is given up.
    grand.partner().webhooks().replay(pending.id());
    db.update(Identity.superuser(), "update webhook_deliveries set retry_until = now() where status = 'pending'");
    answers.add(503);
    assertThat(dispatcher.runOnce()).isEqualTo(new PartnerWebhookWorker.Report(1, 0, 0, 1, 0, false));
  }

  @Test
  void rotationSignsWithBothSecretsDuringTheOverlap() {
    WebhookService webhooks = grand.partner().webhooks();
    WebhookService.Created created = webhooks.create(hookUrl(), Set.of("order.failed"));
    String next = webhooks.rotateSecret(created.endpoint().id(), Duration.ofHours(1));
    assertThat(next).startsWith("whsec_").isNotEqualTo(created.secret());
    Order order = grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 1, CallOptions.none()).get(0);
    db.update(Identity.superuser(), "update orders set order_status = 'FAILED' where id = ?", order.id());
    backend.partnerWebhookWorker("hooks-3").runOnce();
    Received r = received.get(0);
    assertThat(r.signature().split(",")).hasSize(3);   // t=, v1= (new), v1= (old)
    WebhookVerifier.of(created.secret()).verify(r.signature(), r.body());
    WebhookVerifier.of(next).verify(r.signature(), r.body());
    // Once the overlap is over only the new secret signs.
    webhooks.rotateSecret(created.endpoint().id(), Duration.ZERO);
    assertThat((Long) db.value(Identity.superuser(), "select count(*) from private.webhook_secrets where endpoint_id = ? "
        + "and (expires_at is null or expires_at > now())", created.endpoint().id())).isEqualTo(1L);
  }

  @Test
  void theOutboxHoldsOnlyWhatCommittedAndPartnersSeeOnlyTheirOwn() {
    grand.partner().webhooks().create(hookUrl(), Set.of("order.allocated", "order.cancelled", "balance.low"));
    Order order = grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 1, CallOptions.none()).get(0);
    long inside = db.inRolledBackTransaction(Identity.superuser(), c -> {
      try (var st = c.createStatement()) {
        st.execute("update orders set order_status = 'PROCESSING' where id = '" + order.id() + "'");
        st.execute("update orders set order_status = 'ALLOCATED', iccid = '8900000000000000001' where id = '" + order.id() + "'");
      }
      try (var rs = c.createStatement().executeQuery("select count(*) from webhook_events where partner_id = '"
          + SampleData.GRAND_TRAVEL + "'")) {
        rs.next();
        return rs.getLong(1);
      }
    });
    assertThat(inside).as("written in the same transaction").isEqualTo(1L);
    assertThat(events()).as("and gone with its rollback").isZero();

    // balance.low: the admin sets a threshold just under the balance; the next purchase crosses it.
    db.update(Identity.superuser(), "update partners set low_balance_threshold_usd = balance_usd - 1 where id = ?", SampleData.GRAND_TRAVEL);
    grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 1, CallOptions.none());
    assertThat(db.query(Identity.superuser(), "select type from webhook_events where partner_id = ?", SampleData.GRAND_TRAVEL))
        .extracting(m -> m.get("type"))
        .containsExactly("balance.low");

    OneSim.UserSession silk = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build()
        .asUser(supabase.userJwt(SampleData.SILK_ROAD_USER));
    assertThat(silk.partner().webhooks().list()).extracting(e -> e.id()).containsExactly(SampleData.SILK_ROAD_WEBHOOK);
    assertThat(silk.partner().webhooks().deliveries(10)).extracting(WebhookDelivery::id).containsExactly(SampleData.SILK_ROAD_DELIVERY);
    UUID grandDelivery = grand.partner().webhooks().deliveries(10).get(0).id();
    assertThat(catchThrowableOfType(() -> silk.partner().webhooks().replay(grandDelivery), uz.onesim.core.NotFoundException.class)
        .code()).isEqualTo("unknown_delivery");
    assertThat(catchThrowableOfType(() -> grand.partner().webhooks().create("ftp://example.com", Set.of("order.failed")),
        ValidationException.class).has("url", "invalid_url")).isTrue();
    assertThat(catchThrowableOfType(() -> grand.partner().webhooks().create("https://example.com/h", Set.of("order.sold")),
        ValidationException.class).has("events", "unknown_event")).isTrue();
    assertThat(catchThrowableOfType(() -> silk.partner().webhooks().disable(UUID.randomUUID()), uz.onesim.core.NotFoundException.class)
        .code()).isEqualTo("unknown_endpoint");
  }

  @Test
  void aSlowEndpointNeverHoldsUpAHealthyOneAndALateAnswerChangesNothing() throws Exception {
    // Silk Road's endpoint stalls 3 s per delivery; Grand Travel's answers at once
    HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    slow.createContext("/slow", ex -> {
      ex.getRequestBody().readAllBytes();
      try {
        Thread.sleep(3_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    slow.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    slow.start();
    try {
      OneSim.UserSession silk = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build()
          .asUser(supabase.userJwt(SampleData.SILK_ROAD_USER));
      silk.partner().webhooks().create("http://127.0.0.1:" + slow.getAddress().getPort() + "/slow", Set.of("order.failed"));
      grand.partner().webhooks().create(hookUrl(), Set.of("order.failed"));
      for (int i = 0; i < 2; i++) {
        Order s = silk.orders().buyForCustomer(SampleData.BOBUR, SampleData.TR_1GB, 1, CallOptions.none()).get(0);
        Order g = grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 1, CallOptions.none()).get(0);
        db.update(Identity.superuser(), "update orders set order_status = 'FAILED', failure_reason = 'test' where id in (?, ?)", s.id(), g.id());
      }
      PartnerWebhookWorker dispatcher = backend.partnerWebhookWorker("hooks-1");
      long t0 = System.nanoTime();
      PartnerWebhookWorker.Report pass = dispatcher.runOnce();
      long passMillis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertThat(received).as("the healthy partner's events arrived").hasSize(2);
      assertThat(pass).as("the pass returned with the slow endpoint's two still in flight")
          .isEqualTo(new PartnerWebhookWorker.Report(4, 2, 0, 0, 2, false));
      assertThat(passMillis).as("the pass did not wait for the stalling endpoint (3 s)").isLessThan(3_000);
      // a new event for the healthy partner goes out on the next pass; the slow endpoint's batch is not claimed twice
      Order g = grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 1, CallOptions.none()).get(0);
      db.update(Identity.superuser(), "update orders set order_status = 'FAILED', failure_reason = 'test' where id = ?", g.id());
      assertThat(dispatcher.runOnce()).as("the slow endpoint's two are still out")
          .isEqualTo(new PartnerWebhookWorker.Report(1, 1, 0, 0, 2, false));
      assertThat(backend.partnerWebhookWorker("hooks-2").runOnce().claimed()).as("another dispatcher leaves a busy endpoint alone").isZero();
      // the slow endpoint's answers are recorded when they come, by the worker that sent them
      String ours = " from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id where e.url like 'http://127.0.0.1:%'";
      long t1 = System.nanoTime();
      while (!db.value(Identity.superuser(), "select count(*)" + ours + " and d.status = 'delivered'").equals(5L)
          && System.nanoTime() - t1 < java.util.concurrent.TimeUnit.SECONDS.toNanos(10)) {
        Thread.sleep(50);
      }
      assertThat(db.value(Identity.superuser(), "select count(*)" + ours + " and d.status = 'delivered'")).isEqualTo(5L);
      assertThat(db.value(Identity.superuser(), "select sum(d.attempts)" + ours)).as("each sent once").isEqualTo(5L);
    } finally {
      slow.stop(0);
    }
    // A worker whose lease ran out records its late answer as an attempt only: a delivered row stays delivered.
    String delivered = String.valueOf(db.value(Identity.superuser(),
        "select id from webhook_deliveries where status = 'delivered' order by id limit 1"));
    Object outcome = db.value(Identity.serviceRole(), "select record_webhook_attempt('someone-else', ?::uuid, 500, 'late', 10000)", delivered);
    assertThat(outcome).isEqualTo("lease_lost");
    assertThat(db.value(Identity.superuser(), "select status from webhook_deliveries where id = ?::uuid", delivered)).isEqualTo("delivered");
  }

  @Test
  void anEndpointGetsSeveralRequestsAtOnceButOneOrdersEventsInTheirOrder() throws Exception {
    // 10 orders with two events each (1 then 2), for an endpoint that answers in 30 ms
    java.util.concurrent.atomic.AtomicInteger now = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
    List<String> arrivals = new CopyOnWriteArrayList<>();
    HttpServer busy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    busy.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    busy.createContext("/busy", ex -> {
      most.accumulateAndGet(now.incrementAndGet(), Math::max);
      JsonNode data = JSON.readTree(ex.getRequestBody().readAllBytes()).path("data");
      String event = data.path("order_id").asText() + "#" + data.path("n").asInt();
      try {
        Thread.sleep(event.equals("order-1#1") ? 300 : 30);   // order-1's first event is slow to answer
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      arrivals.add(event);   // in the order the endpoint finished handling them
      now.decrementAndGet();
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    busy.start();
    try {
      String url = "http://127.0.0.1:" + busy.getAddress().getPort() + "/busy";
      grand.partner().webhooks().create(url, Set.of("order.allocated"));
      String emit = """
          select private.emit_partner_event(?::uuid, 'order.allocated',
                   pg_catalog.jsonb_build_object('order_id', 'order-' || o, 'n', ?::int))
          from generate_series(1, 10) o""";
      Runnable emitBoth = () -> {   // every order's first event, then (a later transaction) every second one
        db.query(Identity.superuser(), emit, SampleData.GRAND_TRAVEL, 1);
        db.query(Identity.superuser(), emit, SampleData.GRAND_TRAVEL, 2);
      };
      emitBoth.run();
      PartnerWebhookWorker fourAtOnce = backend.partnerWebhookWorker("hooks-1").withInFlightPerEndpoint(4);
      assertThat(fourAtOnce.runOnce()).isEqualTo(new PartnerWebhookWorker.Report(20, 20, 0, 0, 0, false));
      assertThat(most.get()).as("requests in flight to the endpoint at most").isEqualTo(4);
      for (int o = 1; o <= 10; o++) {
        assertThat(arrivals.indexOf("order-" + o + "#1")).as("order-%d's first event before its second", o)
            .isNotNegative().isLessThan(arrivals.indexOf("order-" + o + "#2"));
      }
      // one at a time, the gentlest setting
      most.set(0);
      emitBoth.run();
      PartnerWebhookWorker oneAtATime = backend.partnerWebhookWorker("hooks-1").withInFlightPerEndpoint(1);
      long t0 = System.nanoTime();
      while (arrivals.size() < 40 && System.nanoTime() - t0 < java.util.concurrent.TimeUnit.SECONDS.toNanos(10)) {
        oneAtATime.runOnce();   // a pass may end with a batch still in flight; the next finds the endpoint busy until it is recorded
      }
      assertThat(arrivals).hasSize(40);
      assertThat(most.get()).isEqualTo(1);
      assertThat(catchThrowableOfType(() -> backend.partnerWebhookWorker("hooks-1").withInFlightPerEndpoint(0),
          ValidationException.class).violations()).singleElement().satisfies(v -> assertThat(v.code()).isEqualTo("out_of_range"));
    } finally {
      busy.stop(0);
    }
  }

  @Test
  void aBatchIsRecordedOnlyWhereTheWorkerStillHoldsItAndABadBatchRecordsNothing() {
    grand.partner().webhooks().create(hookUrl(), Set.of("order.allocated"));
    db.query(Identity.superuser(), "select private.emit_partner_event(?::uuid, 'order.allocated', pg_catalog.jsonb_build_object('n', g)) "
        + "from generate_series(1, 2) g", SampleData.GRAND_TRAVEL);
    List<String> held = db.query(Identity.serviceRole(), "select delivery_id::text from claim_webhook_deliveries('w1', 10, 60, 10)")
        .stream().map(r -> (String) r.get("delivery_id")).sorted().toList();
    assertThat(held).hasSize(2);
    db.update(Identity.superuser(), "update webhook_deliveries set lease_worker = 'w2' where id = ?::uuid", held.get(1));   // taken over
    String batch = "[{\"delivery_id\":\"%s\",\"status_code\":200,\"duration_ms\":3},{\"delivery_id\":\"%s\",\"status_code\":200}]";
    java.util.function.Function<String, uz.onesim.testkit.DatabaseException> refused = json -> catchThrowableOfType(
        () -> db.value(Identity.serviceRole(), "select record_webhook_attempts('w1', ?::jsonb)", json), uz.onesim.testkit.DatabaseException.class);
    assertThat(refused.apply(batch.formatted(held.get(0), held.get(0))).detail()).as("one delivery twice").isEqualTo("invalid_batch");
    assertThat(refused.apply(batch.formatted(held.get(0), UUID.randomUUID())).detail()).isEqualTo("unknown_delivery");
    assertThat(db.value(Identity.superuser(), "select count(*) from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id "
        + "where d.id::text in (?, ?)", held.get(0), held.get(1))).as("a refused batch records nothing").isEqualTo(0L);

    Object outcomes = db.value(Identity.serviceRole(), "select record_webhook_attempts('w1', ?::jsonb)::text", batch.formatted(held.get(0), held.get(1)));
    assertThat(outcomes.toString()).contains("\"" + held.get(0) + "\": \"delivered\"", "\"" + held.get(1) + "\": \"lease_lost\"");
    assertThat(db.query(Identity.superuser(), "select d.status, d.lease_worker, (select count(*) from webhook_attempts a where a.delivery_id = d.id) as n "
        + "from webhook_deliveries d where d.id::text in (?, ?) order by d.id", held.get(0), held.get(1)))
        .extracting(r -> r.get("status") + "/" + r.get("lease_worker") + "/" + r.get("n"))
        .as("both attempts kept; only the held one changed").containsExactly("delivered/null/1", "pending/w2/1");
  }

  @Test
  void twoDispatchersClaimingAtOnceNeverSplitAnEndpoint() throws Exception {
    grand.partner().webhooks().create(hookUrl(), Set.of("order.allocated"));
    db.query(Identity.superuser(), "select private.emit_partner_event(?::uuid, 'order.allocated', pg_catalog.jsonb_build_object('n', g)) "
        + "from generate_series(1, 30) g", SampleData.GRAND_TRAVEL);
    String claim = "select count(*) from claim_webhook_deliveries(?, 200, 60, 10)";
    try (java.sql.Connection a = asBackend(); java.sql.Connection b = asBackend()) {
      assertThat(count(a, claim, "hooks-a")).isEqualTo(10L);   // not committed yet
      java.util.concurrent.CompletableFuture<Long> second = java.util.concurrent.CompletableFuture.supplyAsync(() -> count(b, claim, "hooks-b"));
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (db.value(Identity.superuser(), "select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
          + "and query like '%claim_webhook_deliveries%'").equals(0L)) {
        assertThat(System.nanoTime()).as("the second claim waits for the first").isLessThan(deadline);
        Thread.sleep(20);
      }
      a.commit();
      assertThat(second.get(10, java.util.concurrent.TimeUnit.SECONDS)).as("the endpoint is busy: nothing for the second").isZero();
      b.commit();
    }
    assertThat(db.query(Identity.superuser(), "select lease_worker, count(*) as n from webhook_deliveries where lease_worker is not null group by 1"))
        .extracting(r -> r.get("lease_worker") + "=" + r.get("n")).containsExactly("hooks-a=10");
  }

  java.sql.Connection asBackend() throws java.sql.SQLException {
    java.sql.Connection c = db.connect();
    c.setAutoCommit(false);
    try (java.sql.Statement st = c.createStatement()) {
      st.execute("set local role service_role");
      st.execute("select set_config('request.jwt.claims', '{\"role\":\"service_role\"}', true)");
    }
    return c;
  }

  static long count(java.sql.Connection c, String sql, String worker) {
    try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, worker);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theDispatcherNeverSendsIntoOneSimsNetworkWhateverWasRegistered() {
    grand.partner().webhooks().create(hookUrl(), Set.of("order.failed"));   // allowed while developing locally
    Order o = grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 1, CallOptions.none()).get(0);
    db.update(Identity.superuser(), "update orders set order_status = 'FAILED', failure_reason = 'test' where id = ?", o.id());
    db.update(Identity.superuser(), "update private.webhook_settings set allow_local_targets = false");   // production
    PartnerWebhookWorker.Report r = backend.partnerWebhookWorker("hooks-1").runOnce();
    assertThat(r.delivered()).isZero();
    assertThat(received).as("nothing was sent to 127.0.0.1").isEmpty();
    assertThat(grand.partner().webhooks().deliveries(10)).singleElement()
        .satisfies(d -> assertThat(d.lastError()).contains("inside OneSIM's network"));
    assertThat(uz.onesim.backend.internal.WebhookTargets.literalRefusal("169.254.169.254", true)).contains("refused");
    assertThat(uz.onesim.backend.internal.WebhookTargets.literalRefusal("[::1]", false)).contains("refused");
    assertThat(uz.onesim.backend.internal.WebhookTargets.literalRefusal("93.184.216.34", false)).isNull();
    assertThat(uz.onesim.backend.internal.WebhookTargets.literalRefusal("hooks.example.com", false)).as("names: at DNS time").isNull();
  }
}
