package com.example.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uz.onesim.client.CallOptions;
import uz.onesim.client.NewCustomer;
import uz.onesim.client.OneSim;
import uz.onesim.client.Order;
import uz.onesim.client.PartnerCustomer;
import uz.onesim.core.Amounts;
import uz.onesim.core.InsufficientBalanceException;
import uz.onesim.core.OrderStatus;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/**
 * What a travel agency checks first, with only the BOM, onesim-client and the testkit: its server
 * signs in with an API key, buys for its customer at its discount from its prepaid balance, and is
 * refused with the facts when the balance runs out. OneSIM's backend is not on its classpath.
 */
@ExtendWith(LocalSupabaseExtension.class)
class AgencyIntegrationTest {

  @Test
  void theBomBringsPostgres17AndOneJacksonVersion(LocalSupabase supabase) {
    Object version = supabase.database().value(Identity.serviceRole(), "show server_version_num");
    assertThat(Integer.parseInt(version.toString())).as("PostgreSQL server version").isGreaterThanOrEqualTo(170000);
    assertThat(com.fasterxml.jackson.datatype.jsr310.PackageVersion.VERSION.toString())
        .as("jackson-datatype-jsr310 (Flyway brings 2.15) aligned with jackson-databind")
        .isEqualTo(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
  }

  @Test
  void theAgencysServerBuysForItsCustomerWithItsApiKey(LocalSupabase supabase) {
    String apiKey = supabase.issuePartnerApiKey(SampleData.GRAND_TRAVEL, "booking engine, test");
    OneSim onesim = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build();
    OneSim.UserSession agency = onesim.signInWithApiKey(apiKey);
    assertThat(agency.userId()).isNotNull();

    PartnerCustomer traveller = agency.customers()
        .save(NewCustomer.of("Dilnoza", "Rashidova", "dilnoza@example.com", "+998901234567"));
    List<Order> bought = agency.orders().buyForCustomer(traveller.id(), SampleData.TR_1GB, 1, CallOptions.idempotencyKey("trip-1"));
    assertThat(bought).singleElement().satisfies(o -> {
      assertThat(o.retail()).isEqualTo(Amounts.usd("15.00"));
      assertThat(o.paid()).isEqualTo(Amounts.usd("14.25"));
      assertThat(o.status()).isEqualTo(OrderStatus.PENDING);
    });

    BigDecimal left = Amounts.decimal(agency.partner().balance().available());
    supabase.database().update(Identity.superuser(), "insert into partner_ledger (partner_id, kind, amount_usd, reason) "
        + "values (?, 'adjustment', ?, 'test: leave 10.00')", SampleData.GRAND_TRAVEL, new BigDecimal("10.00").subtract(left));
    InsufficientBalanceException poor = catchThrowableOfType(
        () -> agency.orders().buyForCustomer(traveller.id(), SampleData.TR_1GB, 1, CallOptions.none()), InsufficientBalanceException.class);
    assertThat(poor.code()).isEqualTo("insufficient_balance");
    assertThat(poor.needed()).isEqualTo(Amounts.usd("14.25"));
    assertThat(poor.available()).isEqualTo(Amounts.usd("10.00"));
  }
}
