package uz.onesim.core;

import java.math.BigDecimal;
import javax.money.MonetaryAmount;
import uz.onesim.core.internal.AmountChecks;

/**
 * The exact price of one order: retail, discount and what the buyer pays, in USD and in UZS,
 * with the rate and the FX snapshot used. Immutable.
 *
 * <h2>Rounding (the only place it happens)</h2>
 * <ol>
 *   <li>{@code discount_usd = round_half_up(retail_usd × rate / 100, 2)}</li>
 *   <li>{@code paid_usd = retail_usd − discount_usd} (exact)</li>
 *   <li>{@code retail_uzs = round_half_up(retail_usd × fx, 0)}</li>
 *   <li>{@code paid_uzs = round_half_up(paid_usd × fx, 0)}</li>
 *   <li>{@code discount_uzs = retail_uzs − paid_uzs} (exact)</li>
 * </ol>
 * So {@code retail = paid + discount} holds exactly in both currencies. With a zero rate (B2C,
 * admin without partner) the discount is 0 and paid equals retail in both currencies. The schema's
 * SQL function {@code private.price_quote} computes the same figures; both are tested against
 * {@code pricing-vectors.csv}.
 */
public record PriceQuote(
    MonetaryAmount retail,
    MonetaryAmount discount,
    MonetaryAmount paid,
    DiscountRate rate,
    FxRate fx,
    MonetaryAmount retailUzs,
    MonetaryAmount discountUzs,
    MonetaryAmount paidUzs) {

  /**
   * A quote is only ever the one rule applied to its inputs: every amount is checked against what
   * the rule gives for the same retail price, rate and FX.
   *
   * @throws ValidationException naming the first field that is missing or does not follow
   */
  public PriceQuote {
    Figures f = Figures.of(retail, rate, fx);
    requireSame("discount", Amounts.USD, f.discount(), discount);
    requireSame("paid", Amounts.USD, f.paid(), paid);
    requireSame("retailUzs", Amounts.UZS, f.retailUzs(), retailUzs);
    requireSame("discountUzs", Amounts.UZS, f.retailUzs().subtract(f.paidUzs()), discountUzs);
    requireSame("paidUzs", Amounts.UZS, f.paidUzs(), paidUzs);
  }

  /** The rule itself, on exact decimals; the only place a quote's amounts are computed. */
  private record Figures(BigDecimal retail, BigDecimal discount, BigDecimal paid, BigDecimal retailUzs, BigDecimal paidUzs) {
    static Figures of(MonetaryAmount retailUsd, DiscountRate rate, FxRate fx) {
      BigDecimal retail = AmountChecks.positiveUsd("retailPrice", retailUsd).setScale(2);
      if (rate == null) {
        throw new ValidationException("discountRate", "required", "is required");
      }
      if (fx == null) {
        throw new ValidationException("fx", "required", "is required");
      }
      BigDecimal discount = rate.discountOn(retail);
      BigDecimal paid = retail.subtract(discount);
      return new Figures(retail, discount, paid, fx.toWholeSom(retail), fx.toWholeSom(paid));
    }
  }

  /**
   * Prices one order.
   *
   * @param retailUsd the retail (OneSIM Shop) price: USD, greater than 0, at most 2 decimals
   * @param rate the discount that applies ({@link DiscountRate#ZERO} for B2C)
   * @param fx the USD→UZS snapshot to convert with
   * @throws ValidationException naming {@code retailPrice} when the price is unusable
   */
  public static PriceQuote of(MonetaryAmount retailUsd, DiscountRate rate, FxRate fx) {
    Figures f = Figures.of(retailUsd, rate, fx);
    return new PriceQuote(Amounts.usd(f.retail()), Amounts.usd(f.discount()), Amounts.usd(f.paid()), rate, fx,
        Amounts.uzs(f.retailUzs()), Amounts.uzs(f.retailUzs().subtract(f.paidUzs())), Amounts.uzs(f.paidUzs()));
  }

  /**
   * The partner's actual profit if it resold this eSIM at {@code sellPrice}: {@code sell − paid}.
   * May be negative (sold below cost). {@code sellPrice} in USD (at most 2 decimals) gives the
   * profit in USD; in som (whole) the profit in som against {@link #paidUzs()}.
   */
  public MonetaryAmount actualProfitAt(MonetaryAmount sellPrice) {
    boolean som = sellPrice != null && Amounts.UZS.equals(sellPrice.getCurrency());
    return PartnerProfit.of(som ? paidUzs : paid, sellPrice);
  }

  private static void requireSame(String field, javax.money.CurrencyUnit currency, BigDecimal expected, MonetaryAmount actual) {
    if (actual == null) {
      throw new ValidationException(field, "required", "is required");
    }
    if (!currency.equals(actual.getCurrency())) {
      throw new ValidationException(field, "currency_mismatch",
          "must be in " + currency.getCurrencyCode() + ", got " + actual.getCurrency().getCurrencyCode());
    }
    BigDecimal value;
    try {
      value = Amounts.decimal(actual);
    } catch (ArithmeticException e) {
      throw new ValidationException(field, "not_a_number", "is not a finite decimal amount");
    }
    if (value.compareTo(expected) != 0) {
      throw new ValidationException(field, "inconsistent",
          "must be " + expected.toPlainString() + " for this retail price, rate and FX, got " + value.toPlainString());
    }
  }
}
