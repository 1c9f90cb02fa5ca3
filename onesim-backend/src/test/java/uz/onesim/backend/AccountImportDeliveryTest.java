package uz.onesim.backend;

import uz.onesim.client.CallOptions;
import uz.onesim.client.ImportResult;
import uz.onesim.client.NewCustomer;
import uz.onesim.client.OneSim;
import uz.onesim.client.Order;
import uz.onesim.client.PartnerCustomer;
import uz.onesim.client.PartnerProfile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.onesim.core.PermissionException;
import uz.onesim.core.ValidationException;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/** The partner's account, customer import, and delivery after allocation. */
class AccountImportDeliveryTest {
  LocalSupabase supabase;
  EsimAccessSimulator sim;
  OneSim onesim;
  OneSimBackend backend;

  @BeforeEach
  void start() {
    supabase = LocalSupabaseExtension.freshShared();
    sim = EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog()).build();
    EsimAccessClient esim = FlowsTest.client(sim, 3);
    onesim = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.anonKey()).build();
    backend = OneSimBackend.builder().supabaseUrl(supabase.url()).serviceKey(supabase.serviceRoleKey()).esimAccess(esim).build();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  OneSim.UserSession grand() {
    return onesim.asUser(supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
  }

  @Test
  void partnerReadsItsTermsEditsContactsButNotRates() {
    PartnerProfile me = grand().partner().get();
    assertThat(me.companyName()).isEqualTo("Grand Travel Tour");
    assertThat(me.effectiveRate()).isEqualTo(uz.onesim.core.DiscountRate.of("5.00"));
    PartnerProfile updated = grand().partner().updateContact(null, "+998901112233", "https://grandtravel.uz");
    assertThat(updated.businessPhone()).isEqualTo("+998901112233");
    assertThat(updated.businessEmail()).isEqualTo("info@grandtravel.uz");
    uz.onesim.client.postgrest.PostgrestClient raw = uz.onesim.client.postgrest.PostgrestClient.builder().supabaseUrl(supabase.url())
        .apiKey(supabase.anonKey()).build().withUserJwt(supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
    PermissionException rates = catchThrowableOfType(() -> raw.from("partners").update(Map.of("custom_discount_rate", 50))
        .eq("id", me.id()).execute(), PermissionException.class);
    assertThat(rates.code()).isEqualTo("column_not_writable");
    assertThat(grand().partner().get().effectiveRate()).isEqualTo(uz.onesim.core.DiscountRate.of("5.00"));
  }

  @Test
  void importKeepsValidRowsAndReportsTheRestByPosition() {
    List<NewCustomer> rows = List.of(
        NewCustomer.of("Nodira", "Yusupova", "nodira@example.com", "+998901234001"),
        NewCustomer.of("", "Bad", "not-an-email", "12345"),
        NewCustomer.of("Aziza", "Karimova-Updated", "AZIZA@EXAMPLE.COM", null),
        NewCustomer.of("Nodira", "Yusupova", "Nodira@Example.com", "+998901234002"));
    ImportResult r = grand().customers().importAll(rows, false);
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.index()).isEqualTo(1);
      assertThat(e.violations()).extracting(v -> v.field() + ":" + v.code())
          .containsExactlyInAnyOrder("firstName:required", "email:invalid_email", "phone:invalid_phone");
    });
    assertThat(r.saved()).hasSize(2);
    assertThat(r.saved()).extracting(PartnerCustomer::id).contains(SampleData.AZIZA);
    assertThat(grand().customers().get(SampleData.AZIZA).lastName()).isEqualTo("Karimova-Updated");
    assertThat((Long) supabase.database().value(Identity.superuser(),
        "select count(*) from partner_customers where partner_id = ? and lower(email) = 'nodira@example.com'", SampleData.GRAND_TRAVEL)).isEqualTo(1L);
    assertThat(grand().customers().list("nodira", 0, 10).rows()).singleElement()
        .satisfies(c -> assertThat(c.phone()).isEqualTo("+998901234002"));
  }

  @Test
  void allOrNothingImportWritesNothingWhenOneRowIsBad() {
    long before = (Long) supabase.database().value(Identity.superuser(), "select count(*) from partner_customers");
    ValidationException e = catchThrowableOfType(() -> grand().customers().importAll(List.of(
        NewCustomer.of("Ok", "Row", "ok@example.com", null), NewCustomer.of("Bad", "Row", "bad", null)), true), ValidationException.class);
    assertThat(e.has("rows[1].email", "invalid_email")).isTrue();
    assertThat((Long) supabase.database().value(Identity.superuser(), "select count(*) from partner_customers")).isEqualTo(before);
  }

  @Test
  void deliveryIsRecordedAndAFailingChannelNeverLosesTheEsim() {
    List<Order> orders = grand().orders().buyForCustomers(List.of(SampleData.AZIZA, SampleData.JAHONGIR), SampleData.TR_1GB, CallOptions.none());
    supabase.database().update(Identity.superuser(), "update orders set delivery_method = 'sms' where id = ?", orders.get(1).id());
    List<String> emailed = new java.util.ArrayList<>();
    DeliveryChannel email = new DeliveryChannel() {
      public String method() {
        return "email";
      }

      public String deliver(Order o) {
        emailed.add(o.customerEmail() + " " + o.activationCode());
        return "sent";
      }
    };
    DeliveryChannel brokenSms = new DeliveryChannel() {
      public String method() {
        return "sms";
      }

      public String deliver(Order o) throws Exception {
        throw new java.io.IOException("SMS gateway down");
      }
    };
    FulfilmentReport r = backend.fulfilmentWorker("w", FulfilmentWorker.Options.defaults().withAwaitAllocation(Duration.ofSeconds(5)),
        List.of(email, brokenSms)).runOnce();
    assertThat(r.allocated()).isEqualTo(2);
    assertThat(emailed).singleElement().asString().startsWith("aziza@example.com LPA:1$");
    Map<String, Object> first = supabase.database().query(Identity.superuser(),
        "select order_status, delivery_status::text as d from orders where id = ?", orders.get(0).id()).get(0);
    Map<String, Object> second = supabase.database().query(Identity.superuser(),
        "select order_status, delivery_status::text as d from orders where id = ?", orders.get(1).id()).get(0);
    assertThat(first).containsEntry("order_status", "ALLOCATED").containsEntry("d", "{\"email\": \"sent\"}");
    assertThat(second).containsEntry("order_status", "ALLOCATED").containsEntry("d", "{\"sms\": \"failed: IOException\"}");
  }
}
