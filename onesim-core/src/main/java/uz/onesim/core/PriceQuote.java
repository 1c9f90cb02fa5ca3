package uz.onesim.core;

import java.math.BigDecimal;
import java.util.Objects;
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

  public PriceQuote {
    Objects.requireNonNull(rate, "rate == null");
    Objects.requireNonNull(fx, "fx == null");
    requireSum("USD", retail, paid, discount);
    requireSum("UZS", retailUzs, paidUzs, discountUzs);
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
    BigDecimal retail = AmountChecks.positiveUsd("retailPrice", retailUsd).setScale(2);
    if (rate == null) {
      throw new ValidationException("discountRate", "required", "is required");
    }
    if (fx == null) {
      throw new ValidationException("fx", "required", "is required");
    }
    BigDecimal discount = rate.discountOn(retail);
    BigDecimal paid = retail.subtract(discount);
    BigDecimal retailUzs = fx.toWholeSom(retail);
    BigDecimal paidUzs = fx.toWholeSom(paid);
    return new PriceQuote(
        Amounts.usd(retail),
        Amounts.usd(discount),
        Amounts.usd(paid),
        rate,
        fx,
        Amounts.uzs(retailUzs),
        Amounts.uzs(retailUzs.subtract(paidUzs)),
        Amounts.uzs(paidUzs));
  }

  /**
   * The partner's actual profit if it resold this eSIM at {@code sellPrice}: {@code sell − paid}.
   * May be negative (sold below cost). {@code sellPrice} must be USD, at least 0, at most 2
   * decimals.
   */
  public MonetaryAmount actualProfitAt(MonetaryAmount sellPrice) {
    return PartnerProfit.of(paid, sellPrice);
  }

  private static void requireSum(String currency, MonetaryAmount total, MonetaryAmount a, MonetaryAmount b) {
    Objects.requireNonNull(total, "retail amount == null");
    Objects.requireNonNull(a, "paid amount == null");
    Objects.requireNonNull(b, "discount amount == null");
    if (Amounts.decimal(total).compareTo(Amounts.decimal(a).add(Amounts.decimal(b))) != 0) {
      throw new IllegalArgumentException(
          currency + " retail " + total + " != paid " + a + " + discount " + b);
    }
  }
}
