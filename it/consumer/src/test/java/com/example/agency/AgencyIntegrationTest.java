package com.example.agency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import uz.onesim.backend.FulfilmentReport;
import uz.onesim.backend.OneSimBackend;
import uz.onesim.backend.OrderFulfiller;
import uz.onesim.client.CallOptions;
import uz.onesim.client.NewCustomer;
import uz.onesim.client.OneSim;
import uz.onesim.client.Order;
import uz.onesim.client.PartnerCustomer;
import uz.onesim.core.Amounts;
import uz.onesim.core.OrderStatus;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.SampleData;

/** What an integrator checks first: the testkit starts, a partner buys, the backend fulfils. */
class AgencyIntegrationTest {

  @Test
  void theBomBringsPostgres17AndOneJacksonVersion() {
    try (LocalSupabase supabase = LocalSupabase.start()) {
      Object version = supabase.database().value(Identity.serviceRole(), "show server_version_num");
      assertThat(Integer.parseInt(version.toString())).as("PostgreSQL server version").isGreaterThanOrEqualTo(170000);
    }
    assertThat(com.fasterxml.jackson.datatype.jsr310.PackageVersion.VERSION.toString())
        .as("jackson-datatype-jsr310 (Flyway brings 2.15) aligned with jackson-databind")
        .isEqualTo(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
  }

  @Test
  void aPartnerBuysForItsCustomerAndTheBackendFulfilsAtTheProvider() {
    try (LocalSupabase supabase = LocalSupabase.start();
         EsimAccessSimulator provider = EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog()).build()) {
      OneSim onesim = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build();
      OneSim.UserSession agency = onesim.asUser(supabase.userJwt(SampleData.GRAND_TRAVEL_USER));

      PartnerCustomer traveller = agency.customers()
          .save(NewCustomer.of("Dilnoza", "Rashidova", "dilnoza@example.com", "+998901234567"));
      List<Order> bought = agency.orders().forCustomer(traveller.id(), SampleData.TR_1GB, 1, CallOptions.none());
      assertThat(bought).singleElement().satisfies(o -> {
        assertThat(o.retail()).isEqualTo(Amounts.usd("15.00"));
        assertThat(o.paid()).isEqualTo(Amounts.usd("14.25"));
        assertThat(o.status()).isEqualTo(OrderStatus.PENDING);
      });

      EsimAccessClient esim = EsimAccessClient.builder().baseUrl(provider.baseUrl())
          .accessCode(provider.accessCode()).secretKey(provider.secretKey()).build();
      OneSimBackend backend = OneSimBackend.builder()
          .supabaseUrl(supabase.url()).serviceKey(supabase.secretKey()).esimAccess(esim).build();
      FulfilmentReport report = backend.fulfiller("agency-it",
          OrderFulfiller.Options.defaults().withAwaitAllocation(Duration.ofSeconds(20))).runOnce();
      assertThat(report.allocated()).isEqualTo(1);

      Order allocated = agency.orders().get(bought.get(0).id());
      assertThat(allocated.status()).isEqualTo(OrderStatus.ALLOCATED);
      assertThat(allocated.iccid()).isNotBlank();
      assertThat(allocated.activationCode()).startsWith("LPA:");
    }
  }
}
