package uz.onesim.core;

import java.math.BigDecimal;
import java.time.Instant;
import uz.onesim.core.internal.Rounding;

/**
 * A snapshot of the USD→UZS exchange rate: how many som one dollar buys, where the figure came
 * from, and when it was taken. Orders keep the snapshot they were priced with, so a later rate
 * change never rewrites an old order.
 *
 * @param uzsPerUsd som per dollar, strictly positive, at most 4 decimals (e.g. {@code 12650})
 * @param source where the rate came from (e.g. {@code "cbu.uz"}, {@code "seed"})
 * @param asOf when the rate was taken
 */
public record FxRate(BigDecimal uzsPerUsd, String source, Instant asOf) {
  public FxRate {
    if (uzsPerUsd == null) {
      throw new ValidationException("fx.uzsPerUsd", "required", "is required");
    }
    if (uzsPerUsd.signum() <= 0) {
      throw new ValidationException(
          "fx.uzsPerUsd", "must_be_positive", "must be greater than 0, got " + uzsPerUsd.toPlainString());
    }
    if (uzsPerUsd.stripTrailingZeros().scale() > MAX_SCALE) {
      throw new ValidationException("fx.uzsPerUsd", "too_many_decimals",
          "must have at most " + MAX_SCALE + " decimals, got " + uzsPerUsd.toPlainString());
    }
    if (source == null || source.isBlank()) {
      throw new ValidationException("fx.source", "required", "is required");
    }
    if (asOf == null) {
      throw new ValidationException("fx.asOf", "required", "is required");
    }
  }

  /** The most decimals a rate may have (the schema's {@code fx_rates.uzs_per_usd} keeps 4). */
  public static final int MAX_SCALE = 4;

  /** A rate of {@code uzsPerUsd} som per dollar from {@code source}, taken now. */
  public static FxRate of(String uzsPerUsd, String source) {
    return new FxRate(Amounts.parse("fx.uzsPerUsd", uzsPerUsd), source, Instant.now());
  }

  /** {@code usd × rate}, rounded HALF_UP to whole som. */
  public BigDecimal toWholeSom(BigDecimal usd) {
    return Rounding.toWholeSom(usd.multiply(uzsPerUsd));
  }
}
