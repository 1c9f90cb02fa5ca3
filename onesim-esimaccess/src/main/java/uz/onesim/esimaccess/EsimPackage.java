package uz.onesim.esimaccess;

import javax.money.MonetaryAmount;

/**
 * One catalogue entry of {@code package/list}. Prices are in provider units (1/10 000 USD); use
 * {@link #wholesalePrice()}. Volumes are bytes; durations are in {@code durationUnit} (DAY).
 *
 * @param locationNetworkList the countries covered and their operators, as the provider lists them
 * @param favorite whether the package is marked favourite in the provider's console, or null
 */
public record EsimPackage(
    String packageCode, String slug, String name, long price, String currencyCode, long volume,
    Integer smsStatus, Integer dataType, Integer unusedValidTime, Integer duration, String durationUnit,
    String location, String locationCode, String description, Integer activeType, Long retailPrice,
    String speed, String ipExport, Integer supportTopUpType, String fupPolicy, java.util.List<LocationNetwork> locationNetworkList,
    Boolean favorite) {

  /** A country the package works in, with its networks ({@code locationNetworkList[]}). */
  public record LocationNetwork(String locationName, String locationLogo, String locationCode, java.util.List<Operator> operatorList) {}

  /** A mobile network of a country: {@code operatorName} and its {@code networkType} (e.g. {@code 4G/5G}). */
  public record Operator(String operatorName, String networkType) {}

  /**
   * The ISO country codes the package covers, sorted: from {@code locationNetworkList} when the
   * provider sent it, else the package's own code when it is a country, else the comma list in
   * {@code location} (regional packages).
   */
  public java.util.List<String> coveredCountries() {
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    if (locationNetworkList != null) {
      locationNetworkList.stream().map(LocationNetwork::locationCode).filter(EsimPackage::isCountry).forEach(out::add);
    }
    if (out.isEmpty() && isCountry(locationCode)) {
      out.add(locationCode);
    }
    if (out.isEmpty() && location != null) {
      java.util.Arrays.stream(location.split(",")).map(String::trim).filter(EsimPackage::isCountry).forEach(out::add);
    }
    return java.util.List.copyOf(out);
  }

  private static boolean isCountry(String code) {
    return code != null && code.matches("[A-Z]{2}");
  }

  /** What OneSIM pays the provider for one profile. */
  public MonetaryAmount wholesalePrice() {
    return ProviderMoney.toUsd(price);
  }

  /** The provider's suggested retail price, if it sent one. */
  public MonetaryAmount suggestedRetailPrice() {
    return retailPrice == null ? null : ProviderMoney.toUsd(retailPrice);
  }

  /** Whether the plan accepts top-ups ({@code supportTopUpType} 2 or 3). */
  public boolean supportsTopUp() {
    return supportTopUpType != null && (supportTopUpType == 2 || supportTopUpType == 3);
  }
}
