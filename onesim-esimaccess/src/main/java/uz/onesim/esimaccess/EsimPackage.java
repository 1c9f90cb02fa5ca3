package uz.onesim.esimaccess;

import javax.money.MonetaryAmount;

/**
 * One catalogue entry of {@code package/list}. Prices are in provider units (1/10 000 USD); use
 * {@link #wholesalePrice()}. Volumes are bytes; durations are in {@code durationUnit} (DAY).
 */
public record EsimPackage(
    String packageCode, String slug, String name, long price, String currencyCode, long volume,
    Integer smsStatus, Integer dataType, Integer unusedValidTime, Integer duration, String durationUnit,
    String location, String locationCode, String description, Integer activeType, Long retailPrice,
    String speed, String ipExport, Integer supportTopUpType, String fupPolicy) {

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
