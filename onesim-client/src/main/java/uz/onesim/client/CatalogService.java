package uz.onesim.client;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.money.MonetaryAmount;
import uz.onesim.client.internal.MoneyColumns;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.core.Amounts;
import uz.onesim.core.DiscountRate;

/**
 * The catalogue as the caller sees it: where OneSIM sells eSIMs, and each location's packages with
 * the retail price and the caller's own price (a partner's at its effective discount, a consumer's
 * or an anonymous visitor's at retail) in USD and som, priced by the database's one rule.
 *
 * <p>Each listing is one request; the answer is then kept for a short time (60 s unless
 * {@link OneSim.Builder#catalogCacheTtl} says otherwise) so a storefront can list on every page
 * view. A cached price is for display: {@code quote} and the purchase calls always price afresh in
 * the database. Thread-safe; one per {@link OneSim} and one per user session.
 */
public final class CatalogService {
  private final PostgrestClient db;
  private final TtlCache cache;

  CatalogService(PostgrestClient db, Duration ttl, Clock clock) {
    this.db = db;
    this.cache = new TtlCache(ttl, clock);
  }

  /**
   * A location with active packages.
   *
   * @param lowestRetail the cheapest package's retail price (USD)
   */
  public record Location(String locationCode, String locationName, long packageCount, MonetaryAmount lowestRetail) {}

  record LocationRow(String locationCode, String locationName, long packageCount, BigDecimal lowestRetailUsd) {
    Location toLocation() {
      return new Location(locationCode, locationName, packageCount, MoneyColumns.usd("lowest_retail_usd", lowestRetailUsd));
    }
  }

  /** A mobile network a package uses in a country. */
  public record Network(String country, String operator, String network) {}

  /**
   * One package with its prices for the caller, and where it works.
   *
   * @param yourPrice what the caller pays (retail for consumers)
   * @param yourPriceUzs the same in som at the current FX snapshot
   * @param coveredCountries the ISO codes of the countries it works in (many for a regional package)
   * @param networks the networks it uses, per country
   */
  public record Package(String packageCode, String name, String locationCode, String locationName, String packageType,
      Long dataVolumeBytes, Integer duration, String durationUnit, MonetaryAmount retail, DiscountRate rate,
      MonetaryAmount yourPrice, MonetaryAmount discount, MonetaryAmount retailUzs, MonetaryAmount yourPriceUzs,
      List<String> coveredCountries, List<Network> networks) {}

  record PackageRow(String packageCode, String name, String locationCode, String locationName, String packageType,
      Long dataVolumeBytes, Integer duration, String durationUnit, BigDecimal retailUsd, BigDecimal discountRate,
      BigDecimal yourPriceUsd, BigDecimal discountUsd, BigDecimal retailUzs, BigDecimal yourPriceUzs, BigDecimal uzsPerUsd,
      List<String> coveredCountries, List<Network> networks) {
    Package toPackage() {
      return new Package(packageCode, name, locationCode, locationName, packageType, dataVolumeBytes, duration, durationUnit,
          Amounts.usd(retailUsd), DiscountRate.of(discountRate), Amounts.usd(yourPriceUsd), Amounts.usd(discountUsd),
          Amounts.uzs(retailUzs), Amounts.uzs(yourPriceUzs), coveredCountries == null ? List.of() : List.copyOf(coveredCountries),
          networks == null ? List.of() : List.copyOf(networks));
    }
  }

  /** Every location with active packages, by code. Cached for the service's TTL. */
  public List<Location> locations() {
    return cache.get(List.of("locations"), () -> db.rpc("catalog_locations", null).get().list(LocationRow.class).stream()
        .map(LocationRow::toLocation).toList());
  }

  /** The active base packages of {@code locationCode} ({@code TR}, {@code EU-42}), cheapest first; a page of {@code limit} (≤ 1 000). */
  public List<Package> packages(String locationCode, int limit, int offset) {
    return packages(PackageFilter.location(locationCode), limit, offset);
  }

  /**
   * The active base packages that work in {@code countryCode} ({@code DE}), whatever their location:
   * Germany's own, Europe-42's, Global's — cheapest first; a page of {@code limit} (≤ 1 000).
   */
  public List<Package> packagesFor(String countryCode, int limit, int offset) {
    return packages(PackageFilter.country(countryCode), limit, offset);
  }

  /**
   * The active base packages {@code filter} selects, cheapest first, with the caller's price; a page
   * of {@code limit} (1 to 1 000) from {@code offset}. One request, or none while the same page is
   * cached.
   */
  public List<Package> packages(PackageFilter filter, int limit, int offset) {
    Map<String, Object> args = filter.args(limit, offset);
    return cache.get(List.of("packages", args), () -> db.rpc("catalog_packages", args).get().list(PackageRow.class).stream()
        .map(PackageRow::toPackage).toList());
  }

  /** Forgets every cached listing, e.g. right after an admin changed prices. */
  public void clearCache() {
    cache.clear();
  }
}
