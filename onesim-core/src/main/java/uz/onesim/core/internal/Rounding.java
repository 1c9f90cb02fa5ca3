package uz.onesim.core.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one rounding rule of OneSIM money: {@link RoundingMode#HALF_UP}, to cents for USD and to
 * whole som for UZS. The SQL functions of the schema apply the same rule ({@code round(x, 2)} and
 * {@code round(x, 0)} on {@code numeric}, which round half away from zero).
 */
public final class Rounding {
  public static final RoundingMode MODE = RoundingMode.HALF_UP;
  public static final int USD_SCALE = 2;
  public static final int UZS_SCALE = 0;

  private Rounding() {}

  public static BigDecimal toCents(BigDecimal usd) {
    return usd.setScale(USD_SCALE, MODE);
  }

  public static BigDecimal toWholeSom(BigDecimal uzs) {
    return uzs.setScale(UZS_SCALE, MODE);
  }
}
