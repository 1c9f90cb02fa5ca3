package uz.onesim.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.money.MonetaryAmount;
import uz.onesim.core.Amounts;
import uz.onesim.core.ValidationException;
import uz.onesim.core.internal.AmountChecks;

/**
 * Which catalogue packages to list: those of a location ({@link #location}) or those that work in a
 * country ({@link #country}), optionally narrowed by data, validity and the caller's price. Immutable;
 * each {@code with…} returns a copy. Checked when built, so a bad filter never reaches the server.
 *
 * <pre>{@code
 * PackageFilter.country("TR").withMinDataGb(5).withDays(7, 30).withMaxPrice(Amounts.usd("25.00"))
 * }</pre>
 *
 * @param locationCode a location ({@code TR}, {@code EU-42}), or null
 * @param country a two-letter ISO code, or null (packages of any location that cover it)
 * @param minDataBytes at least this much data, or null
 * @param minDays valid at least this many days, or null
 * @param maxDays valid at most this many days, or null
 * @param maxPrice the caller's own price (a partner's after its discount) at most this, USD, or null
 */
public record PackageFilter(String locationCode, String country, Long minDataBytes, Integer minDays, Integer maxDays,
    MonetaryAmount maxPrice) {

  private static final long GIB = 1L << 30;

  public PackageFilter {
    if (locationCode == null && country == null) {
      throw new ValidationException("locationCode", "required", "name a location or a country");
    }
    if (country != null && !country.matches("[A-Za-z]{2}")) {
      throw new ValidationException("country", "invalid_country", "a country is a two-letter ISO code, got '" + shown(country) + "'");
    }
    if (minDataBytes != null && minDataBytes < 0) {
      throw new ValidationException("minDataBytes", "must_not_be_negative", "must be 0 or more");
    }
    if ((minDays != null && minDays < 0) || (maxDays != null && maxDays < 0)
        || (minDays != null && maxDays != null && minDays > maxDays)) {
      throw new ValidationException("minDays", "out_of_range", "days are 0 or more, minimum at most maximum");
    }
    if (maxPrice != null) {
      AmountChecks.nonNegativeUsd("maxPrice", maxPrice);
    }
  }

  /** The packages of one location ({@code TR}, {@code EU-42}). */
  public static PackageFilter location(String locationCode) {
    return new PackageFilter(Objects.requireNonNull(locationCode, "locationCode"), null, null, null, null, null);
  }

  /** The packages that work in a country, whatever their location: Germany's own, Europe-42's, Global's. */
  public static PackageFilter country(String isoCode) {
    return new PackageFilter(null, Objects.requireNonNull(isoCode, "isoCode"), null, null, null, null);
  }

  /** Only packages with at least {@code gib} GiB of data. */
  public PackageFilter withMinDataGb(int gib) {
    return withMinDataBytes(Math.multiplyExact((long) gib, GIB));
  }

  /** Only packages with at least {@code bytes} of data. */
  public PackageFilter withMinDataBytes(long bytes) {
    return new PackageFilter(locationCode, country, bytes, minDays, maxDays, maxPrice);
  }

  /** Only packages valid between {@code minDays} and {@code maxDays} days (inclusive). */
  public PackageFilter withDays(int minDays, int maxDays) {
    return new PackageFilter(locationCode, country, minDataBytes, minDays, maxDays, maxPrice);
  }

  /** Only packages whose price for the caller is at most {@code max} (USD). */
  public PackageFilter withMaxPrice(MonetaryAmount max) {
    return new PackageFilter(locationCode, country, minDataBytes, minDays, maxDays, Objects.requireNonNull(max, "max"));
  }

  Map<String, Object> args(int limit, int offset) {
    Map<String, Object> args = new LinkedHashMap<>();
    putIfSet(args, "p_location_code", locationCode);
    putIfSet(args, "p_country", country);
    putIfSet(args, "p_min_data_bytes", minDataBytes);
    putIfSet(args, "p_min_days", minDays);
    putIfSet(args, "p_max_days", maxDays);
    putIfSet(args, "p_max_price_usd", maxPrice == null ? null : Amounts.decimal(maxPrice).toPlainString());
    args.put("p_limit", limit);
    args.put("p_offset", offset);
    return args;
  }

  private static void putIfSet(Map<String, Object> args, String name, Object value) {
    if (value != null) {
      args.put(name, value);
    }
  }

  private static String shown(String s) {
    return s.length() > 20 ? s.substring(0, 20) + "…" : s;
  }
}
