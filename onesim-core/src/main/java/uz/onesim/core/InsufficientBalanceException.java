package uz.onesim.core;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.money.MonetaryAmount;

/**
 * A partner's prepaid balance (plus its credit limit) does not cover a purchase or top-up (HTTP
 * 402, code {@code insufficient_balance}). Nothing was written; fund the balance and try again.
 */
public class InsufficientBalanceException extends ApiException {
  private static final long serialVersionUID = 1L;
  private static final Pattern FIGURES = Pattern.compile("needed (-?[0-9.]+) USD, available (-?[0-9.]+) USD");

  private final BigDecimal needed;
  private final BigDecimal available;

  public InsufficientBalanceException(String message, int status, String remoteCode, String requestId, String details,
      String hint, String body) {
    super("insufficient_balance", message, status, remoteCode, requestId, details, hint, body, null);
    Matcher m = FIGURES.matcher(message == null ? "" : message);
    boolean said = m.find();
    this.needed = said ? new BigDecimal(m.group(1)) : null;
    this.available = said ? new BigDecimal(m.group(2)) : null;
  }

  /** What the purchase needed, in USD; null when the server did not say. */
  public MonetaryAmount needed() {
    return needed == null ? null : Amounts.usd(needed);
  }

  /** What the balance plus the credit limit had available, in USD; null when the server did not say. */
  public MonetaryAmount available() {
    return available == null ? null : Amounts.usd(available);
  }
}
