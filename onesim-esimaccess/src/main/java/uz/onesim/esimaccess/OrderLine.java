package uz.onesim.esimaccess;

import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * One line of {@code esim/order}: {@code count} profiles of {@code packageCode} (or slug). With a
 * unit price the provider refuses the order if its price differs ({@code 200005}): no surprise
 * charges.
 *
 * @param price unit price in provider units, or null
 * @param periodNum day-pass length in days (1–365), or null
 */
public record OrderLine(String packageCode, int count, Long price, Integer periodNum) {
  public OrderLine {
    Objects.requireNonNull(packageCode, "packageCode == null");
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1: " + count);
    }
  }

  /** {@code count} profiles at the expected unit price. */
  public static OrderLine of(String packageCode, int count, MonetaryAmount unitPrice) {
    return new OrderLine(packageCode, count, unitPrice == null ? null : ProviderMoney.toUnits(unitPrice), null);
  }
}
