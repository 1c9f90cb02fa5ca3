package uz.onesim.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uz.onesim.client.CallOptions;
import uz.onesim.client.OneSim;
import uz.onesim.client.Order;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/** Installation details by email through a real SMTP server (GreenMail): branded, localised, QR inline, every attempt kept. */
class EmailDeliveryTest {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  LocalSupabase supabase;
  LocalDatabase db;
  EsimAccessSimulator sim;
  OneSimBackend backend;
  OneSim onesim;

  @BeforeEach
  void start() {
    supabase = LocalSupabaseExtension.freshShared();
    db = supabase.database();
    sim = EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog()).balanceUsd("1000").build();
    backend = OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.secretKey())
        .esimAccess(FlowsTest.client(sim, 3)).build();
    onesim = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  FulfilmentWorker fulfiller(DeliveryChannel channel) {
    return backend.fulfilmentWorker("mail", FulfilmentWorker.Options.defaults().withAwaitAllocation(Duration.ofSeconds(10)), List.of(channel));
  }

  EmailChannel channel(int port) {
    return backend.emailChannel(SmtpSettings.plain("127.0.0.1", port, "esim@onesim.uz"));
  }

  static String text(Part p, String type) throws Exception {
    if (p.isMimeType(type)) {
      return (String) p.getContent();
    }
    if (p.getContent() instanceof Multipart m) {
      for (int i = 0; i < m.getCount(); i++) {
        String found = text(m.getBodyPart(i), type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  static BodyPart image(MimeMessage message) throws Exception {
    Multipart related = (Multipart) message.getContent();
    for (int i = 0; i < related.getCount(); i++) {
      if (related.getBodyPart(i).isMimeType("image/png")) {
        return related.getBodyPart(i);
      }
    }
    throw new AssertionError("no inline image");
  }

  static String decodeQr(BodyPart png) throws Exception {
    try (InputStream in = png.getInputStream()) {
      BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(ImageIO.read(in))));
      return new QRCodeReader().decode(bitmap).getText();
    }
  }

  @Test
  void aPartnersTravellerGetsABrandedLocalisedEmailWhoseQrCodeIsTheActivationCode() throws Exception {
    OneSim.UserSession grand = onesim.asUser(supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
    Order order = grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 1, CallOptions.none()).get(0);
    db.update(Identity.superuser(), "update orders set metadata = '{\"language\": \"ru\"}' where id = ?", order.id());

    fulfiller(channel(mail.getSmtp().getPort())).runOnce();

    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage m = received[0];
    assertThat(m.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly("aziza@example.com");
    assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo("Grand Travel Tour");
    assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("esim@onesim.uz");
    assertThat(m.getSubject()).isEqualTo("Ваша eSIM от Grand Travel Tour готова");
    Order allocated = grand.orders().get(order.id());
    assertThat(text(m, "text/plain")).contains("Здравствуйте, Aziza!").contains(allocated.activationCode()).contains(allocated.iccid());
    assertThat(text(m, "text/html")).contains("cid:qr").contains("Grand Travel Tour");
    BodyPart qr = image(m);
    assertThat(qr.getHeader("Content-ID")).containsExactly("<qr>");
    assertThat(decodeQr(qr)).isEqualTo(allocated.activationCode());

    assertThat(db.value(Identity.superuser(), "select delivery_status::text from orders where id = ?", order.id()))
        .isEqualTo("{\"email\": \"sent\"}");
    uz.onesim.client.postgrest.PostgrestClient asGrand = uz.onesim.client.postgrest.PostgrestClient.builder().supabaseUrl(supabase.url())
        .apiKey(supabase.publishableKey()).build().withUserJwt(supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
    assertThat(asGrand.from("delivery_attempts").select("channel,outcome").eq("order_id", order.id()).json().toString())
        .as("the partner sees each attempt").isEqualTo("[{\"channel\":\"email\",\"outcome\":\"sent\"}]");
  }

  @Test
  void aMailServerThatIsDownLosesNothingAndAResendDelivers() throws Exception {
    OneSim.UserSession customer = onesim.asUser(supabase.userJwt(SampleData.CUSTOMER_USER));
    Order order = customer.orders().buy(SampleData.TR_1GB, 1, CallOptions.none()).get(0);
    backend.payments().confirm(List.of(order.id()), "testpay", "pay-mail-1", order.paid());

    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    FulfilmentReport report = fulfiller(channel(closedPort)).runOnce();
    assertThat(report.allocated()).as("the eSIM is allocated whatever the mail server does").isEqualTo(1);
    assertThat(mail.getReceivedMessages()).isEmpty();
    assertThat((String) db.value(Identity.superuser(), "select delivery_status->>'email' from orders where id = ?", order.id()))
        .startsWith("failed: ");

    FulfilmentWorker working = fulfiller(channel(mail.getSmtp().getPort()));
    assertThat(working.resend(order.id())).isEqualTo("sent");
    MimeMessage m = mail.getReceivedMessages()[0];
    assertThat(m.getSubject()).as("the shop's own orders are OneSIM's, in English by default").isEqualTo("Your eSIM from OneSIM is ready");
    assertThat(decodeQr(image(m))).isEqualTo(customer.orders().get(order.id()).activationCode());
    List<String> attempts = new ArrayList<>();
    db.query(Identity.superuser(), "select channel, outcome from delivery_attempts where order_id = ? order by id", order.id())
        .forEach(r -> attempts.add(r.get("channel") + ":" + String.valueOf(r.get("outcome")).replaceAll(":.*", ":…")));
    assertThat(attempts).containsExactly("email:failed:…", "email:sent");
    assertThat(db.value(Identity.superuser(), "select order_status from orders where id = ?", order.id())).isEqualTo("ALLOCATED");
  }
}
