package uz.onesim.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.onesim.client.CallOptions;
import uz.onesim.client.OneSim;
import uz.onesim.client.Order;
import uz.onesim.core.DeliveryMethod;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/** SMS / WhatsApp delivery through the one documented gateway shape, against MockWebServer. */
class MessageChannelTest {
  LocalSupabase supabase;
  EsimAccessSimulator sim;
  OneSimBackend backend;
  MockWebServer gateway;

  @BeforeEach
  void start() throws Exception {
    supabase = LocalSupabaseExtension.freshShared();
    sim = EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog()).balanceUsd("1000").build();
    backend = OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey())
        .esimAccess(FlowsTest.client(sim, 3)).build();
    gateway = new MockWebServer();
    gateway.start();
  }

  @AfterEach
  void stop() throws Exception {
    gateway.shutdown();
    sim.close();
  }

  @Test
  void aWhatsappOrderIsPostedToTheGatewayWithThePartnersNameAndAFailureLosesNothing() throws Exception {
    OneSim.UserSession grand = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build()
        .asUser(supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
    CallOptions whatsapp = CallOptions.none().withDelivery(DeliveryMethod.WHATSAPP);
    Order first = grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 1, whatsapp).get(0);
    MessageChannel channel = backend.messageChannel(DeliveryMethod.WHATSAPP, gateway.url("/send").toString(), "gw-token-123");
    assertThat(channel.toString()).doesNotContain("gw-token-123");
    gateway.enqueue(new MockResponse().setResponseCode(202));
    FulfilmentWorker fulfiller = backend.fulfilmentWorker("msg", FulfilmentWorker.Options.defaults().withAwaitAllocation(Duration.ofSeconds(10)),
        List.of(channel));
    fulfiller.runOnce();

    RecordedRequest sent = gateway.takeRequest();
    assertThat(sent.getMethod()).isEqualTo("POST");
    assertThat(sent.getPath()).isEqualTo("/send");
    assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer gw-token-123");
    JsonNode body = new ObjectMapper().readTree(sent.getBody().readUtf8());
    Order allocated = grand.orders().get(first.id());
    assertThat(body.path("channel").asText()).isEqualTo("whatsapp");
    assertThat(body.path("to").asText()).isEqualTo("+998901111111");
    assertThat(body.path("order_id").asText()).isEqualTo(first.id().toString());
    assertThat(body.path("text").asText()).startsWith("Grand Travel Tour: ").contains(allocated.activationCode());
    assertThat(supabase.database().value(Identity.superuser(), "select delivery_status->>'whatsapp' from orders where id = ?", first.id()))
        .isEqualTo("sent");

    Order second = grand.orders().buyForCustomer(SampleData.JAHONGIR, SampleData.TR_1GB, 1, whatsapp).get(0);
    gateway.enqueue(new MockResponse().setResponseCode(500));
    fulfiller.runOnce();
    assertThat((String) supabase.database().value(Identity.superuser(),
        "select delivery_status->>'whatsapp' from orders where id = ?", second.id())).startsWith("failed: ");
    assertThat(grand.orders().get(second.id()).iccid()).as("the eSIM is kept").isNotNull();
  }
}
