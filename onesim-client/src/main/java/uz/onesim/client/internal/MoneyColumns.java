package uz.onesim.client.internal;

import java.math.BigDecimal;
import javax.money.MonetaryAmount;
import uz.onesim.core.Amounts;
import uz.onesim.core.ServerException;

/**
 * Money read from a row: a column the database always sets is required (missing means the row is
 * not what the SDK expects — a {@link ServerException}, never 0.00); an optional one may be null.
 */
public final class MoneyColumns {
  private MoneyColumns() {}

  /** A USD column the database always sets. */
  public static MonetaryAmount usd(String column, BigDecimal value) {
    return Amounts.usd(required("the row", column, value));
  }

  /** A USD column the database always sets, of {@code row} (named in the error: {@code "order 1f0c…"}). */
  public static MonetaryAmount usd(String row, String column, BigDecimal value) {
    return Amounts.usd(required(row, column, value));
  }

  /** A som column the database always sets. */
  public static MonetaryAmount uzs(String column, BigDecimal value) {
    return Amounts.uzs(required("the row", column, value));
  }

  /** A USD column that may be empty. */
  public static MonetaryAmount usdOrNull(BigDecimal value) {
    return value == null ? null : Amounts.usd(value);
  }

  /** A som column that may be empty. */
  public static MonetaryAmount uzsOrNull(BigDecimal value) {
    return value == null ? null : Amounts.uzs(value);
  }

  private static BigDecimal required(String row, String column, BigDecimal value) {
    if (value == null) {
      throw new ServerException(row + " has no " + column + " (the database always sets it)", 500, "missing_money", null,
          column, null, null);
    }
    return value;
  }
}
