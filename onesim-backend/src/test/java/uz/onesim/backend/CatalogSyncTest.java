package uz.onesim.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.UUID;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.client.postgrest.PostgrestListener;
import uz.onesim.core.Amounts;
import uz.onesim.core.RetailPricing;
import uz.onesim.esimaccess.ProviderMoney;
import uz.onesim.testkit.EsimAccessSimulator;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;
import uz.onesim.testkit.SimPackage;

/**
 * Catalogue sync of ~2 000 packages: margins, bulk writes, an unchanged run, changes and drops; the
 * top-ups the provider lists for each plan, under the reading where the plain list has no top-ups.
 */
class CatalogSyncTest {
  LocalSupabase supabase;
  EsimAccessSimulator sim;
  final AtomicInteger requests = new AtomicInteger();
  final List<String> progress = new ArrayList<>();
  CatalogSync sync;

  @BeforeEach
  void start() {
    supabase = LocalSupabaseExtension.freshShared();
    List<SimPackage> catalog = new ArrayList<>(SimPackage.generated(2033));
    catalog.add(new SimPackage("EU_10_30", "EU_10_30", "Europe 10GB 30Days", "BASE", "EU-42", "DE,FR", 160_000, 10L << 30, 30, 180, 1, 2, null));
    catalog.add(new SimPackage(SampleData.TR_1GB, SampleData.TR_1GB, "Turkey 1GB 7 Days", "BASE", "TR", "TR", 100_000, 1L << 30, 7, 180, 1, 2, null));
    sim = EsimAccessSimulator.builder().catalog(catalog).build();
    PostgrestClient service = PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.serviceRoleKey())
        .listener(PostgrestListener.counting(requests)).build();
    // this class is about the plans; which top-ups fit them is asked per plan (topUpsAreOffered...)
    sync = new CatalogSync(service, FlowsTest.client(sim, 3), (step, done, total) -> progress.add(step + " " + done + "/" + total))
        .withTopUpRefresh(0, CatalogSync.DEFAULT_TOPUP_OFFERS_TTL);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  BigDecimal price(String code) {
    return (BigDecimal) supabase.database().value(Identity.superuser(), "select final_price_usd from esim_packages where package_code = ?", code);
  }

  long count(String sql, Object... p) {
    return (Long) supabase.database().value(Identity.superuser(), sql, p);
  }

  @Test
  void syncPricesWithMarginsWritesInBulkAndOnlyWhatChanged() {
    supabase.database().executeScript("""
        insert into margin_overrides (scope, scope_value, margin_percent) values
          ('default', '', 60), ('country', 'TR', 40), ('region', 'EU-42', 25), ('package', 'G00001_AE_1_1', 10);
        """);
    UUID order = (UUID) supabase.database().value(Identity.user(SampleData.GRAND_TRAVEL_USER),
        "select id from place_partner_order(?, ?)", SampleData.AZIZA, SampleData.TR_1GB);

    CatalogSync.Report first = sync.run();
    int firstRequests = requests.get();
    assertThat(first.seen()).isEqualTo(2035);
    assertThat(first.created()).isEqualTo(2034);  // TR_1GB_7D existed (sample data): updated
    // the sample's plans the provider does not sell; its top-up stays (top-ups are listed through
    // their plans, and topup_offers decides what is offered)
    assertThat(first.deactivated()).as("active sample plans the provider does not sell").isEqualTo(5);
    assertThat(firstRequests).as("bulk writes, not one per package").isLessThanOrEqualTo(20);
    assertThat(count("select count(*) from esim_packages where is_active and package_type = 'BASE'")).isEqualTo(2035);
    assertThat(count("select count(*) from esim_packages where not is_active")).isEqualTo(6);
    assertThat(price(SampleData.TR_1GB)).isEqualByComparingTo("14.00");                    // 10.00 + 40 % (country TR)
    assertThat(price("EU_10_30")).isEqualByComparingTo("20.00");                            // 16.00 + 25 % (region)
    assertThat(price("G00001_AE_1_1")).isEqualByComparingTo(expected("G00001_AE_1_1", "10")); // package's own
    assertThat(price("G00002_UZ_1_1")).isEqualByComparingTo(expected("G00002_UZ_1_1", "60")); // default override
    assertThat(count("select count(*) from package_costs")).isEqualTo(2035);
    assertThat(count("select count(*) from package_price_changes where package_code = ?", SampleData.TR_1GB)).isEqualTo(1);
    assertThat(progress).anyMatch(p -> p.startsWith("esim_packages 2035/2035"));
    // Where each package works, from the provider's locationNetworkList.
    assertThat(supabase.database().value(Identity.superuser(),
        "select array_to_string(covered_countries, ',') from esim_packages where package_code = 'EU_10_30'")).isEqualTo("DE,FR");
    assertThat(supabase.database().value(Identity.superuser(),
        "select networks -> 0 ->> 'operator' from esim_packages where package_code = 'EU_10_30'")).isEqualTo("DE Mobile");
    assertThat(count("select count(*) from esim_packages where is_active and cardinality(covered_countries) = 0")).isZero();

    // Nothing changed: only the log row is written.
    Object lastUpdate = supabase.database().value(Identity.superuser(), "select max(updated_at) from esim_packages");
    requests.set(0);
    CatalogSync.Report second = sync.run();
    assertThat(second.created() + second.updated() + second.deactivated() + second.priceChanges()).isZero();
    assertThat(requests.get()).isLessThanOrEqualTo(10);
    System.out.println("catalog sync of 2035 packages: first run " + firstRequests + " requests, unchanged run " + requests.get());
    assertThat(supabase.database().value(Identity.superuser(), "select max(updated_at) from esim_packages")).isEqualTo(lastUpdate);
    assertThat(count("select count(*) from price_sync_log where status = 'succeeded'")).isEqualTo(2);
    assertThat(count("select count(*) from package_price_changes")).isEqualTo(1);

    // The provider changes a price and drops a package.
    sim.setPrice(SampleData.TR_1GB, 110_000);
    sim.removePackage("G00003_DE_1_1");
    CatalogSync.Report third = sync.run();
    assertThat(third.priceChanges()).isEqualTo(1);
    assertThat(third.deactivated()).isEqualTo(1);
    assertThat(price(SampleData.TR_1GB)).isEqualByComparingTo("15.40");
    assertThat(supabase.database().query(Identity.superuser(), "select old_price_usd, new_price_usd from package_price_changes "
        + "where sync_id = ?", third.syncId())).singleElement().satisfies(r -> {
          assertThat((BigDecimal) r.get("old_price_usd")).isEqualByComparingTo("14.00");
          assertThat((BigDecimal) r.get("new_price_usd")).isEqualByComparingTo("15.40");
        });
    assertThat(count("select count(*) from esim_packages where package_code = 'G00003_DE_1_1' and not is_active"))
        .as("deactivated, never deleted").isEqualTo(1);
    assertThat((BigDecimal) supabase.database().value(Identity.superuser(), "select price_usd from orders where id = ?", order))
        .as("an order placed before keeps its price").isEqualByComparingTo("14.25");
  }

  @Test
  void topUpsAreOfferedOnlyForThePlansTheProviderListsThemFor() {
    sim.close();
    sim = EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog()).build();
    sim.baseListOmitsTopUps(true);   // the documented reading: package/list {} is the BASE list
    supabase.database().executeScript("delete from topup_offers; update esim_packages set topups_refreshed_at = null, data_type = null");
    PostgrestClient service = PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.serviceRoleKey()).build();
    CatalogSync perPlan = new CatalogSync(service, FlowsTest.client(sim, 3), CatalogSync.Listener.NONE);
    UUID sameCountry = (UUID) supabase.database().value(Identity.superuser(), "insert into orders (user_id, source_type, package_code, "
        + "order_status, payment_status, esim_tran_no, iccid) values (?, 'b2c', ?, 'ALLOCATED', 'paid', 'T-3GB', '8990001') returning id",
        SampleData.CUSTOMER_USER, SampleData.TR_3GB);
    UUID listedPlan = (UUID) supabase.database().value(Identity.superuser(), "insert into orders (user_id, source_type, package_code, "
        + "order_status, payment_status, esim_tran_no, iccid) values (?, 'b2c', ?, 'ALLOCATED', 'paid', 'T-1GB', '8990002') returning id",
        SampleData.CUSTOMER_USER, SampleData.TR_1GB);
    Identity customer = Identity.user(SampleData.CUSTOMER_USER);
    assertThat(supabase.database().query(customer, "select * from topup_options(?)", listedPlan)).as("nothing before the sync").isEmpty();

    CatalogSync.Report first = perPlan.run();
    long plansTakingTopUps = SampleData.simulatorCatalog().stream().filter(p -> p.type().equals("BASE") && p.supportTopUpType() >= 2).count();
    assertThat(first.topUpPlansRefreshed()).isEqualTo((int) plansTakingTopUps);
    assertThat(sim.count("package/list")).as("the plans, then one call per plan that takes top-ups").isEqualTo(1 + plansTakingTopUps);
    assertThat(supabase.database().query(Identity.superuser(), "select base_package_code, topup_package_code from topup_offers"))
        .containsExactly(java.util.Map.of("base_package_code", SampleData.TR_1GB, "topup_package_code", "TR_TOPUP_1GB"));
    assertThat(supabase.database().value(Identity.superuser(), "select package_type from esim_packages where package_code = 'TR_TOPUP_1GB'"))
        .isEqualTo("TOPUP");
    assertThat(supabase.database().query(Identity.superuser(), "select package_code, data_type from esim_packages "
        + "where package_code in ('AE_1GB_DAY', 'TR_1GB_7D') order by 1")).extracting(r -> ((Number) r.get("data_type")).intValue())
        .as("the provider's data type: the UAE pass is a day pass").containsExactly(2, 1);
    assertThat(supabase.database().query(customer, "select package_code from topup_options(?)", listedPlan))
        .extracting(r -> r.get("package_code")).containsExactly("TR_TOPUP_1GB");
    assertThat(supabase.database().query(customer, "select * from topup_options(?)", sameCountry))
        .as("same country, but the provider does not list it for this plan").isEmpty();
    uz.onesim.testkit.DatabaseException refused = org.assertj.core.api.Assertions.catchThrowableOfType(() -> supabase.database()
        .value(customer, "select id from buy_topup(?, 'TR_TOPUP_1GB', 'k-not-offered')", sameCountry),
        uz.onesim.testkit.DatabaseException.class);
    assertThat(refused.detail()).isEqualTo("unknown_topup");
    assertThat(count("select count(*) from topups")).as("nothing written").isZero();

    assertThat(perPlan.run().topUpPlansRefreshed()).as("the answers stand for a day").isZero();
    sim.removePackage("TR_TOPUP_1GB");
    assertThat(perPlan.withTopUpRefresh(10, java.time.Duration.ZERO).run().topUpPlansRefreshed()).isEqualTo((int) plansTakingTopUps);
    assertThat(count("select count(*) from topup_offers")).as("the provider no longer lists it: no longer offered").isZero();
  }

  BigDecimal expected(String code, String margin) {
    long units = SimPackage.generated(2033).stream().filter(p -> p.packageCode().equals(code)).findFirst().orElseThrow().price();
    return Amounts.decimal(RetailPricing.retail(ProviderMoney.toUsd(units), new BigDecimal(margin)));
  }
}
