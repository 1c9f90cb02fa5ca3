package uz.onesim.esimaccess;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The provider's wide types (a profile, a package) are built, never constructed: adding a field the
 * provider starts sending breaks nobody. Jackson reads them through their builders, unknown fields
 * are ignored, and they write back the provider's field names.
 */
class WideTypesTest {
  @Test
  void profilesAndPackagesAreReadThroughTheirBuildersAndHaveNoPublicConstructor() throws Exception {
    for (Class<?> type : new Class<?>[] {EsimProfile.class, EsimPackage.class}) {
      assertThat(type.isRecord()).as(type.getSimpleName()).isFalse();
      assertThat(type.getConstructors()).as(type.getSimpleName() + " constructors").isEmpty();
    }
    ObjectMapper json = new ObjectMapper();
    EsimProfile p = json.readValue("""
        {"esimTranNo":"T1","iccid":"8988","totalVolume":1073741824,"esimStatus":"IN_USE","somethingNew":1,
         "packageList":[{"packageCode":"TR_1GB","transactionId":"tx-1"}]}""", EsimProfile.class);
    assertThat(p.esimTranNo()).isEqualTo("T1");
    assertThat(p.totalVolume()).isEqualTo(1_073_741_824L);
    assertThat(p.status()).isEqualTo(EsimStatus.IN_USE);
    assertThat(p.packageList()).extracting(EsimProfile.ProfilePackage::transactionId).containsExactly("tx-1");
    assertThat(json.readValue(json.writeValueAsString(p), EsimProfile.class)).isEqualTo(p);

    EsimPackage pkg = json.readValue("""
        {"packageCode":"TR_1GB","price":18000,"volume":1073741824,"supportTopUpType":2,"locationCode":"TR"}""", EsimPackage.class);
    assertThat(pkg.wholesalePrice()).isEqualTo(ProviderMoney.toUsd(18000));
    assertThat(pkg.supportsTopUp()).isTrue();
    assertThat(pkg.coveredCountries()).containsExactly("TR");
    assertThat(pkg.toBuilder().price(20000).build().price()).isEqualTo(20000);
    assertThat(json.readTree(json.writeValueAsString(pkg)).path("packageCode").asText()).isEqualTo("TR_1GB");
  }
}
