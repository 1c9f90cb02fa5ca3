package uz.onesim.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.client.postgrest.PostgrestListener;
import uz.onesim.core.Amounts;
import uz.onesim.core.BadRequestException;
import uz.onesim.core.DiscountRate;
import uz.onesim.core.ValidationException;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;
import uz.onesim.testkit.SimClock;

/** The catalogue with the caller's own price, one request per listing (issue 16). */
class CatalogTest {
  static LocalSupabase supabase;
  static OneSim onesim;
  static final AtomicInteger requests = new AtomicInteger();

  @BeforeAll
  static void start() {
    supabase = LocalSupabaseExtension.freshShared();
    PostgrestClient db = PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.anonKey())
        .listener(PostgrestListener.counting(requests)).build();
    onesim = OneSim.builder().postgrest(db).build();
  }

  @Test
  void visitorsSeeLocationsAndRetailPrices() {
    requests.set(0);
    List<CatalogService.Location> locations = onesim.catalog().locations();
    assertThat(locations).extracting(CatalogService.Location::locationCode).contains("TR", "EU-42").doesNotHaveDuplicates();
    CatalogService.Location turkey = locations.stream().filter(l -> l.locationCode().equals("TR")).findFirst().orElseThrow();
    assertThat(turkey.packageCount()).isEqualTo(3);
    assertThat(turkey.lowestRetail()).isEqualTo(Amounts.usd("15.00"));
    List<CatalogService.Package> tr = onesim.catalog().packages("TR", 50, 0);
    assertThat(tr).extracting(CatalogService.Package::packageCode).startsWith(SampleData.TR_1GB).doesNotContain(SampleData.RETIRED);
    assertThat(tr).allSatisfy(p -> {
      assertThat(p.yourPrice()).isEqualTo(p.retail());
      assertThat(p.rate()).isEqualTo(DiscountRate.ZERO);
    });
    assertThat(tr.get(0).yourPriceUzs()).isEqualTo(Amounts.uzs(189_750));
    assertThat(requests.get()).as("one request per listing").isEqualTo(2);
  }

  @Test
  void aPartnerSeesItsOwnPriceWhichIsWhatItsOrderCosts() {
    OneSim.UserSession silk = onesim.asUser(supabase.userJwt(SampleData.SILK_ROAD_USER));
    CatalogService.Package p = silk.catalog().packages("TR", 1, 0).get(0);
    assertThat(p.rate()).isEqualTo(DiscountRate.of("10"));
    assertThat(p.yourPrice()).isEqualTo(Amounts.usd("13.50"));
    assertThat(p.yourPriceUzs()).isEqualTo(Amounts.uzs(170_775));
    Order bought = silk.orders().buyForCustomer(SampleData.BOBUR, p.packageCode(), 1, CallOptions.none()).get(0);
    assertThat(bought.paid()).isEqualTo(p.yourPrice());
    assertThat(bought.paidUzs()).isEqualTo(p.yourPriceUzs());
    assertThat(catchThrowableOfType(() -> silk.catalog().packages("TR", 5000, 0), BadRequestException.class).code())
        .isEqualTo("out_of_range");
  }

  @Test
  void aCountryFindsItsOwnRegionalAndGlobalPackagesWithTheirNetworks() {
    requests.set(0);
    List<CatalogService.Package> germany = onesim.catalog().packagesFor("DE", 50, 0);
    assertThat(germany).extracting(CatalogService.Package::packageCode).containsExactly("EU_10GB_30D");
    assertThat(germany.get(0).coveredCountries()).containsExactly("DE", "FR", "IT");
    assertThat(germany.get(0).networks()).contains(new CatalogService.Network("DE", "DE Mobile", "4G/5G"))
        .extracting(CatalogService.Network::country).containsOnly("DE", "FR", "IT");
    List<CatalogService.Package> turkey = onesim.catalog().packagesFor("tr", 50, 0);
    assertThat(turkey).extracting(CatalogService.Package::packageCode)
        .containsExactly("GL_1GB_7D", SampleData.TR_1GB, SampleData.TR_3GB, SampleData.TR_5GB);   // cheapest first
    assertThat(requests.get()).as("one request per listing").isEqualTo(2);
    int before = requests.get();
    assertThat(catchThrowableOfType(() -> onesim.catalog().packagesFor("Germany", 10, 0), ValidationException.class)
        .has("country", "invalid_country")).isTrue();
    assertThat(requests.get()).as("refused before any request").isEqualTo(before);
  }

  @Test
  void filtersNarrowByDataValidityAndTheCallersOwnPrice() {
    OneSim.UserSession silk = onesim.asUser(supabase.userJwt(SampleData.SILK_ROAD_USER));
    PackageFilter turkey = PackageFilter.country("TR");
    List<CatalogService.Package> all = silk.catalog().packages(turkey, 50, 0);
    assertThat(silk.catalog().packages(turkey.withMinDataGb(3), 50, 0)).extracting(CatalogService.Package::packageCode)
        .containsExactly(SampleData.TR_3GB, SampleData.TR_5GB);
    assertThat(silk.catalog().packages(turkey.withDays(10, 20), 50, 0)).extracting(CatalogService.Package::packageCode)
        .containsExactly(SampleData.TR_3GB);
    CatalogService.Package threeGb = all.stream().filter(p -> p.packageCode().equals(SampleData.TR_3GB)).findFirst().orElseThrow();
    List<CatalogService.Package> affordable = silk.catalog().packages(turkey.withMaxPrice(threeGb.yourPrice()), 50, 0);
    assertThat(affordable).as("the partner's own price decides, not retail")
        .extracting(CatalogService.Package::packageCode).containsExactly("GL_1GB_7D", SampleData.TR_1GB, SampleData.TR_3GB);
    assertThat(affordable).allSatisfy(p -> assertThat(p.yourPrice().isLessThanOrEqualTo(threeGb.yourPrice())).isTrue());
    assertThat(threeGb.yourPrice().isLessThan(threeGb.retail())).isTrue();

    assertThat(catchThrowableOfType(() -> turkey.withDays(30, 7), ValidationException.class).has("minDays", "out_of_range")).isTrue();
    assertThat(catchThrowableOfType(() -> turkey.withMaxPrice(Amounts.usd("1.005")), ValidationException.class)
        .has("maxPrice", "too_many_decimals")).isTrue();
    assertThat(catchThrowableOfType(() -> PackageFilter.country("Turkey"), ValidationException.class)
        .has("country", "invalid_country")).isTrue();
  }

  @Test
  void aListingIsReusedForItsTtlThenAskedAgain() {
    SimClock clock = SimClock.frozenAt(java.time.Instant.parse("2026-11-23T10:00:00Z"));
    AtomicInteger counted = new AtomicInteger();
    OneSim cached = OneSim.builder().clock(clock).catalogCacheTtl(java.time.Duration.ofSeconds(30))
        .postgrest(PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.anonKey())
            .listener(PostgrestListener.counting(counted)).build()).build();
    List<CatalogService.Package> first = cached.catalog().packagesFor("TR", 50, 0);
    List<CatalogService.Package> again = cached.catalog().packagesFor("TR", 50, 0);
    assertThat(again).isEqualTo(first);
    assertThat(counted.get()).as("the second listing came from the cache").isEqualTo(1);
    cached.catalog().packagesFor("TR", 10, 0);
    assertThat(counted.get()).as("another page is another request").isEqualTo(2);
    clock.advance(java.time.Duration.ofSeconds(31));
    cached.catalog().packagesFor("TR", 50, 0);
    assertThat(counted.get()).as("asked again after the TTL").isEqualTo(3);
    cached.catalog().clearCache();
    cached.catalog().locations();
    cached.catalog().locations();
    assertThat(counted.get()).isEqualTo(4);

    OneSim uncached = OneSim.builder().catalogCacheTtl(java.time.Duration.ZERO)
        .postgrest(PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.anonKey())
            .listener(PostgrestListener.counting(counted)).build()).build();
    uncached.catalog().locations();
    uncached.catalog().locations();
    assertThat(counted.get()).as("TTL zero asks every time").isEqualTo(6);
  }
}
