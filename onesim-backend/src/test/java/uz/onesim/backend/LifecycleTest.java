package uz.onesim.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uz.onesim.client.CallOptions;
import uz.onesim.client.EsimAlert;
import uz.onesim.client.OneSim;
import uz.onesim.client.Order;
import uz.onesim.core.DeliveryMethod;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/**
 * After the sale (issues 18 and 19), end to end on LocalSupabase and the simulator: provider
 * webhooks stored once and applied once, also across a worker crash and out of order; the usage
 * sweep; lifecycle alerts once per eSIM and threshold; traveller notices through the chosen channel,
 * honouring opt-out.
 */
class LifecycleTest {
  static final long GB = 1_073_741_824L;

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  LocalSupabase supabase;
  EsimAccessSimulator sim;
  EsimAccessClient esim;
  OneSimBackend backend;
  OneSim onesim;
  HttpServer receiver;
  ProviderEventReceiver hooks;

  @BeforeEach
  void start() throws Exception {
    supabase = LocalSupabaseExtension.freshShared();
    sim = EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog()).balanceUsd("10000").build();
    esim = FlowsTest.client(sim, 3);
    backend = OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey()).esimAccess(esim).build();
    onesim = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build();
    hooks = backend.providerEventReceiverFromAnySender();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    receiver.createContext("/hooks", ex -> {
      ProviderEventReceiver.Receipt r = hooks.receive(ex.getRequestBody().readAllBytes(), ex.getRemoteAddress().getAddress().getHostAddress());
      ex.sendResponseHeaders(r.httpStatus(), -1);
      ex.close();
    });
    receiver.start();
    esim.saveWebhook("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
    sim.close();
  }

  OneSim.UserSession grand() {
    return onesim.asUser(supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
  }

  FulfilmentWorker fulfiller() {
    return backend.fulfilmentWorker("f", FulfilmentWorker.Options.defaults().withAwaitAllocation(Duration.ofSeconds(10)));
  }

  /** Grand Travel buys {@code n} eSIMs for {@code customer}; the backend allocates them. */
  List<Order> allocated(UUID customer, int n, CallOptions options) {
    List<Order> bought = grand().orders().buyForCustomer(customer, SampleData.TR_1GB, n, options);
    assertThat(fulfiller().runOnce().allocated()).isEqualTo(n);
    return bought.stream().map(o -> grand().orders().get(o.id())).toList();
  }

  long count(String sql, Object... params) {
    return ((Number) supabase.database().value(Identity.superuser(), sql, params)).longValue();
  }

  ProviderEventWorker worker() {
    return backend.providerEventWorker("events", fulfiller(), LifecycleOptions.defaults());
  }

  @Test
  void providerWebhooksAreStoredOnceAppliedOnceAndSurviveAWorkerCrash() throws Exception {
    grand().partner().webhooks().create("https://hooks.grandtravel.example/onesim", Set.of("esim.installed", "esim.usage_low"));
    Order o = allocated(SampleData.AZIZA, 1, CallOptions.none()).get(0);
    String tran = o.esimTranNo();
    sim.duplicateWebhooks(true);
    sim.reorderWebhooks(true);
    sim.download(tran);
    sim.install(tran);
    sim.enable(tran);
    sim.use(tran, GB * 85 / 100);
    int delivered = sim.deliverWebhooks();
    long stored = count("select count(*) from provider_events");
    assertThat(stored).as("each notifyId stored once").isEqualTo(count("select count(distinct notify_id) from provider_events"))
        .isPositive().isLessThan(delivered);

    // A worker claims everything and dies before applying anything.
    backend.serviceClient().rpc("claim_provider_events", Map.of("p_worker", "crashed", "p_limit", 1000, "p_lease_seconds", 1)).execute();
    ProviderEventWorker w = worker();
    assertThat(w.runOnce().claimed()).as("leased by the crashed worker").isZero();
    Thread.sleep(1_200);
    ProviderEventWorker.Report r = w.runOnce();
    assertThat(r.claimed()).isEqualTo((int) stored);
    assertThat(r.failed()).isZero();
    assertThat(r.profileQueries()).as("one re-sync for the profile, however many events it had").isEqualTo(1);
    assertThat(count("select count(*) from provider_events where status <> 'applied'")).isZero();

    Order now = grand().orders().get(o.id());
    assertThat(now.usage().esimStatus()).isEqualTo("IN_USE");
    assertThat(now.usage().installedAt()).isNotNull();
    assertThat(now.usage().dataUsedBytes()).isEqualTo(GB * 85 / 100);
    assertThat(now.usage().dataTotalBytes()).isEqualTo(GB);
    assertThat(now.usage().usedPercent()).as("rounded down").isEqualTo(84);
    assertThat(grand().orders().alerts(o.id())).extracting(EsimAlert::kind)
        .containsExactlyInAnyOrder(EsimAlert.Kind.INSTALLED, EsimAlert.Kind.USAGE_LOW);
    assertThat(count("select count(*) from webhook_events where type = 'esim.installed'")).isEqualTo(1);
    assertThat(count("select count(*) from webhook_events where type = 'esim.usage_low'")).isEqualTo(1);
    uz.onesim.client.DeliveryHealth health = grand().partner().deliveryHealth();
    assertThat(health.webhooksPending()).as("the two events wait for the dispatcher").isEqualTo(2);
    assertThat(health.healthy()).isTrue();

    // A late event that no longer matches the live state re-syncs the profile instead of winning.
    byte[] late = ("{\"notifyType\":\"ESIM_STATUS\",\"notifyId\":\"late-1\",\"content\":{\"esimTranNo\":\"" + tran
        + "\",\"esimStatus\":\"GOT_RESOURCE\",\"smdpStatus\":\"RELEASED\"}}").getBytes(StandardCharsets.UTF_8);
    assertThat(hooks.receive(late, "127.0.0.1")).isEqualTo(new ProviderEventReceiver.Receipt(200, true, null));
    assertThat(hooks.receive(late, "127.0.0.1").stored()).as("the same notifyId again").isFalse();
    assertThat(w.runOnce().applied()).isEqualTo(1);
    assertThat(grand().orders().get(o.id()).usage().esimStatus()).isEqualTo("IN_USE");

    // Everything delivered again: nothing new is stored, applied or alerted.
    sim.deliverWebhooks();
    assertThat(w.runOnce().claimed()).isZero();
    assertThat(grand().orders().alerts(o.id())).hasSize(2);
    assertThat(hooks.receive("not json".getBytes(StandardCharsets.UTF_8), "127.0.0.1").httpStatus()).isEqualTo(400);
    assertThat(backend.providerEventReceiver(Set.of("3.1.131.226")).receive(late, "10.0.0.1").httpStatus()).isEqualTo(403);
  }

  @Test
  void theUsageSweepAsksTenAtATimeAndRaisesEachThresholdOncePerPlan() {
    List<Order> orders = allocated(SampleData.AZIZA, 25, CallOptions.none());
    for (int i = 0; i < 10; i++) {
      sim.use(orders.get(i).esimTranNo(), i < 4 ? GB * 96 / 100 : GB * 81 / 100);
    }
    UsageWorker sweep = backend.usageWorker(LifecycleOptions.defaults());
    long callsBefore = sim.count("esim/usage/query");
    UsageWorker.Report r = sweep.runOnce();
    assertThat(r.checked()).isEqualTo(25);
    assertThat(r.providerCalls()).as("10 per call").isEqualTo(3);
    assertThat(sim.count("esim/usage/query") - callsBefore).isEqualTo(3);
    assertThat(r.databaseRequests()).as("read the due list, write all 25, see nothing more due").isEqualTo(3);
    assertThat(count("select count(*) from esim_alerts where kind = 'usage_low' and ref like '80%%'")).isEqualTo(10);
    assertThat(count("select count(*) from esim_alerts where kind = 'usage_low' and ref like '95%%'")).isEqualTo(4);
    assertThat(grand().orders().get(orders.get(0).id()).usage().dataUsedBytes()).isEqualTo(GB * 96 / 100);

    assertThat(sweep.runOnce().checked()).as("nothing due within the hour").isZero();
    UsageWorker eager = backend.usageWorker(LifecycleOptions.defaults().withUsageMinAge(Duration.ZERO));
    assertThat(eager.runOnce().checked()).isEqualTo(25);
    assertThat(count("select count(*) from esim_alerts where kind = 'usage_low'")).as("once each").isEqualTo(14);

    // A top-up doubles the plan: 96 % of 1 GB is 48 % of 2 GB, and the thresholds apply to the new plan.
    esim.topUp(new uz.onesim.esimaccess.TopUpRequest(uz.onesim.esimaccess.EsimRef.tranNo(orders.get(0).esimTranNo()),
        "TR_TOPUP_1GB", "tu-lifecycle-1", null, null));
    sim.use(orders.get(0).esimTranNo(), GB * 70 / 100);
    eager.runOnce();
    assertThat(count("select count(*) from esim_alerts where order_id = ? and kind = 'usage_low'", orders.get(0).id()))
        .as("80 % of the new plan is a new alert").isEqualTo(3);
    assertThat(grand().orders().get(orders.get(0).id()).usage().dataTotalBytes()).isEqualTo(2 * GB);
  }

  @Test
  void noticesGoOnceThroughTheChosenChannelAndHonourOptOut() throws Exception {
    MockWebServer gateway = new MockWebServer();
    gateway.start();
    try {
      gateway.enqueue(new MockResponse().setResponseCode(202));
      gateway.enqueue(new MockResponse().setResponseCode(202));
      grand().customers().setNoticesOptOut(SampleData.JAHONGIR, true);
      Order email = allocated(SampleData.AZIZA, 1, CallOptions.none()).get(0);
      Order optedOut = allocated(SampleData.JAHONGIR, 1, CallOptions.none()).get(0);
      Order silent = allocated(SampleData.AZIZA, 1, CallOptions.none().withDelivery(DeliveryMethod.MANUAL)).get(0);
      Order whatsapp = allocated(SampleData.AZIZA, 1, CallOptions.none().withDelivery(DeliveryMethod.WHATSAPP)).get(0);
      for (Order o : List.of(email, optedOut, silent, whatsapp)) {
        sim.use(o.esimTranNo(), GB * 9 / 10);
      }
      backend.usageWorker(LifecycleOptions.defaults()).runOnce();

      EmailChannel smtp = backend.emailChannel(SmtpSettings.plain("127.0.0.1", mail.getSmtp().getPort(), "esim@onesim.uz"));
      MessageChannel wa = backend.messageChannel(DeliveryMethod.WHATSAPP, gateway.url("/send").toString(), "gw-token");
      NoticeWorker sender = backend.noticeWorker("notices", List.of(smtp, wa));
      NoticeWorker.Report r = sender.runOnce();
      assertThat(r).isEqualTo(new NoticeWorker.Report(4, 2, 2, 0, false));
      assertThat(sender.runOnce().claimed()).as("once each").isZero();

      MimeMessage[] sent = mail.getReceivedMessages();
      assertThat(sent).hasSize(1);
      assertThat(sent[0].getAllRecipients()[0].toString()).isEqualTo("aziza@example.com");
      assertThat(sent[0].getSubject()).isEqualTo("Your eSIM data is running low");
      assertThat(EmailDeliveryTest.text(sent[0], "text/plain")).contains("Hello Aziza", "80%", "TR_1GB_7D", "Grand Travel");
      RecordedRequest wr = gateway.takeRequest();
      assertThat(wr.getHeader("Authorization")).isEqualTo("Bearer gw-token");
      assertThat(wr.getBody().readUtf8()).contains("\"channel\":\"whatsapp\"", "\"to\":\"+998901111111\"", "80%");

      assertThat(grand().orders().alerts(email.id())).singleElement()
          .satisfies(a -> assertThat(List.of(a.noticeStatus(), a.noticeChannel())).containsExactly("sent", "email"));
      assertThat(grand().orders().alerts(optedOut.id())).singleElement()
          .satisfies(a -> assertThat(List.of(a.noticeStatus(), a.noticeError())).containsExactly("skipped", "opted out"));
      assertThat(grand().orders().alerts(silent.id())).singleElement()
          .satisfies(a -> assertThat(a.noticeError()).isEqualTo("delivery method manual"));
      assertThat(onesim.asUser(supabase.userJwt(SampleData.SILK_ROAD_USER)).orders().recentAlerts(50))
          .as("another partner sees none of them").isEmpty();
      assertThat(grand().partner().deliveryHealth()).satisfies(h -> {
        assertThat(h.noticesPending()).isZero();
        assertThat(h.noticesFailed()).isZero();
      });

      // The provider says the eSIM expires in 10 hours: an expiring notice, once.
      Instant soon = Instant.now().plus(Duration.ofHours(10));
      String validity = "{\"notifyType\":\"VALIDITY_USAGE\",\"notifyId\":\"v-1\",\"eventGenerateTime\":\"" + Instant.now()
          + "\",\"content\":{\"esimTranNo\":\"" + email.esimTranNo()
          + "\",\"durationUnit\":\"DAY\",\"expiredTime\":\"" + soon.toString().replace("Z", "+0000") + "\",\"remain\":1}}";
      hooks.receive(validity.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
      worker().runOnce();
      assertThat(sender.runOnce()).isEqualTo(new NoticeWorker.Report(1, 1, 0, 0, false));
      assertThat(mail.getReceivedMessages()).hasSize(2);
      assertThat(mail.getReceivedMessages()[1].getSubject()).isEqualTo("Your eSIM expires soon");
      assertThat(grand().orders().alerts(email.id())).extracting(EsimAlert::kind)
          .containsExactly(EsimAlert.Kind.USAGE_LOW, EsimAlert.Kind.EXPIRING);

      // The WhatsApp traveller's eSIM has expired: one expired notice, through WhatsApp.
      String expired = "{\"notifyType\":\"VALIDITY_USAGE\",\"notifyId\":\"v-2\",\"eventGenerateTime\":\"" + Instant.now()
          + "\",\"content\":{\"esimTranNo\":\""
          + whatsapp.esimTranNo() + "\",\"expiredTime\":\"" + Instant.now().minusSeconds(60).toString().replace("Z", "+0000") + "\"}}";
      hooks.receive(expired.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
      worker().runOnce();
      worker().runOnce();
      assertThat(sender.runOnce()).isEqualTo(new NoticeWorker.Report(1, 1, 0, 0, false));
      assertThat(gateway.takeRequest().getBody().readUtf8()).contains("\"channel\":\"whatsapp\"", "has expired");
      assertThat(grand().orders().alerts(whatsapp.id())).extracting(EsimAlert::kind)
          .containsExactly(EsimAlert.Kind.USAGE_LOW, EsimAlert.Kind.EXPIRED);
    } finally {
      gateway.shutdown();
    }
  }

  static String validityEvent(String notifyId, String esimTranNo, Instant generated, Instant expires) {
    return "{\"notifyType\":\"VALIDITY_USAGE\",\"notifyId\":\"" + notifyId + "\",\"eventGenerateTime\":\""
        + generated.toString().replace("Z", "+0000") + "\",\"content\":{\"esimTranNo\":\"" + esimTranNo
        + "\",\"durationUnit\":\"DAY\",\"expiredTime\":\"" + expires.toString().replace("Z", "+0000") + "\",\"remain\":1}}";
  }

  @Test
  void aLateOlderExpiryNeverOverwritesANewerOneAndASupersededExpiringNoticeIsWithdrawn() {
    Order o = allocated(SampleData.AZIZA, 1, CallOptions.none()).get(0);
    Instant t0 = Instant.now().minusSeconds(600);
    Instant soon = Instant.now().plus(Duration.ofHours(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Instant later = Instant.now().plus(Duration.ofDays(20)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    // the provider said "expires soon" at t0; the expiring alert is raised, its notice waits
    hooks.receive(validityEvent("v-old", o.esimTranNo(), t0, soon).getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    worker().runOnce();
    assertThat(grand().orders().alerts(o.id())).extracting(EsimAlert::kind).contains(EsimAlert.Kind.EXPIRING);
    // a top-up moved the expiry: the provider says so at t0 + 5 min; the pending notice is withdrawn
    hooks.receive(validityEvent("v-new", o.esimTranNo(), t0.plusSeconds(300), later).getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    worker().runOnce();
    assertThat(grand().orders().get(o.id()).usage().expiresAt().toInstant()).isEqualTo(later);
    assertThat(count("select count(*) from esim_alerts where order_id = ? and kind = 'expiring' and notice_status = 'pending'", o.id()))
        .as("no notice for an expiry that moved").isZero();
    // the first statement arrives again, late (a redelivery): it is older, so it changes nothing
    hooks.receive(validityEvent("v-old-again", o.esimTranNo(), t0, soon).getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    worker().runOnce();
    assertThat(grand().orders().get(o.id()).usage().expiresAt().toInstant()).isEqualTo(later);
    assertThat(count("select count(*) from esim_alerts where order_id = ? and kind = 'expiring' and notice_status = 'pending'", o.id()))
        .isZero();
  }

  @Test
  void olderPayloadShapesAreStoredOnceAndMatchedToTheLiveEsimByIccid() {
    Order o = allocated(SampleData.AZIZA, 1, CallOptions.none()).get(0);
    // ICCIDs are recycled: an older, closed eSIM of ours once had the same ICCID
    supabase.database().update(Identity.superuser(), "insert into orders (user_id, source_type, package_code, order_status, payment_status, "
        + "esim_tran_no, iccid, esim_status, created_at) values (?, 'b2c', ?, 'ALLOCATED', 'paid', 'T-RECYCLED', ?, 'USED_EXPIRED', "
        + "now() + interval '1 day')", SampleData.CUSTOMER_USER, SampleData.TR_1GB, o.iccid());
    String noNotifyId = "{\"notifyType\":\"ORDER_STATUS\",\"content\":{\"orderNo\":\"" + o.providerOrderNo()
        + "\",\"orderStatus\":\"GOT_RESOURCE\",\"transactionId\":\"x\"}}";
    ProviderEventReceiver.Receipt first = hooks.receive(noNotifyId.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    assertThat(first.stored()).as(first.toString()).isTrue();
    assertThat(hooks.receive(noNotifyId.getBytes(StandardCharsets.UTF_8), "127.0.0.1").stored())
        .as("without a notifyId, the same content again is the same delivery").isFalse();
    String iccidOnly = "{\"notifyType\":\"ESIM_STATUS\",\"content\":{\"iccid\":\"" + o.iccid()
        + "\",\"esimStatus\":\"IN_USE\",\"smdpStatus\":\"ENABLED\"}}";
    hooks.receive(iccidOnly.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    assertThat(supabase.database().value(Identity.superuser(), "select esim_tran_no from provider_events where notify_type = 'ESIM_STATUS'"))
        .as("the live eSIM with that ICCID, not the recycled one").isEqualTo(o.esimTranNo());
    String stranger = "{\"notifyType\":\"VALIDITY_USAGE\",\"content\":{\"iccid\":\"8999999999999999999\",\"remain\":1}}";
    hooks.receive(stranger.getBytes(StandardCharsets.UTF_8), "127.0.0.1");

    sim.install(o.esimTranNo());
    sim.enable(o.esimTranNo());
    worker().runOnce();
    assertThat(grand().orders().get(o.id()).usage().smdpStatus()).isEqualTo("ENABLED");
    assertThat(supabase.database().query(Identity.superuser(), "select outcome, last_error from provider_events "
        + "where notify_type = 'VALIDITY_USAGE'")).singleElement().satisfies(e -> {
          assertThat(e.get("outcome")).isEqualTo("ignored");
          assertThat((String) e.get("last_error")).as("why it matched nothing").contains("8999999999999999999");
        });
    assertThat(count("select count(*) from provider_events where status = 'pending'")).isZero();
  }
}
