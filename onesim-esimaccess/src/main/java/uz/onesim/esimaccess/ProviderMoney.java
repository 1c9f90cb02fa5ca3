package uz.onesim.esimaccess;

import java.math.BigDecimal;
import java.math.RoundingMode;
import javax.money.MonetaryAmount;
import uz.onesim.core.Amounts;
import uz.onesim.core.ValidationException;

/**
 * The one place provider money is converted: eSIM Access prices, amounts and balances are whole
 * units of 1/10 000 USD ({@code 10000} = $1.00). Exact both ways; an amount that is not a whole
 * number of units is refused, never rounded.
 */
public final class ProviderMoney {
  private static final int SCALE = 4;

  private ProviderMoney() {}

  /** {@code 15000} → USD 1.50. */
  public static MonetaryAmount toUsd(long units) {
    return Amounts.usd(BigDecimal.valueOf(units, SCALE));
  }

  /** USD 1.50 → {@code 15000}. */
  public static long toUnits(MonetaryAmount usd) {
    if (!Amounts.USD.equals(usd.getCurrency())) {
      throw new ValidationException("amount", "currency_mismatch", "provider amounts are in USD, got " + usd.getCurrency());
    }
    BigDecimal v = Amounts.decimal(usd);
    try {
      return v.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    } catch (ArithmeticException e) {
      throw new ValidationException("amount", "too_many_decimals", "provider amounts have at most 4 decimals, got " + v.toPlainString());
    }
  }
}
