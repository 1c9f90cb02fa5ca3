package uz.onesim.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.money.MonetaryAmount;

/**
 * The price of a group purchase: one {@link PriceQuote} per order, and their exact totals.
 *
 * <p><b>Rounding is per order, never on the total.</b> Each eSIM is its own order with its own
 * invoice line and its own earnings row, so each is rounded on its own and the group totals are
 * the exact sums of those rounded figures. (Rounding the total instead could disagree with the
 * sum of the lines by a few cents; the lines are what the database stores.)
 */
public record GroupQuote(
    List<PriceQuote> orders,
    MonetaryAmount retail,
    MonetaryAmount discount,
    MonetaryAmount paid,
    MonetaryAmount retailUzs,
    MonetaryAmount discountUzs,
    MonetaryAmount paidUzs) {

  public GroupQuote {
    orders = List.copyOf(orders);
  }

  /** Quotes one order per retail price at the same rate and FX snapshot. */
  public static GroupQuote of(List<MonetaryAmount> retailPrices, DiscountRate rate, FxRate fx) {
    if (retailPrices == null || retailPrices.isEmpty()) {
      throw new ValidationException("retailPrices", "required", "needs at least one price");
    }
    List<PriceQuote> quotes = new ArrayList<>(retailPrices.size());
    for (MonetaryAmount price : retailPrices) {
      quotes.add(PriceQuote.of(price, rate, fx));
    }
    return summing(quotes);
  }

  /** Totals already-priced orders. */
  public static GroupQuote summing(List<PriceQuote> quotes) {
    if (quotes == null || quotes.isEmpty()) {
      throw new ValidationException("orders", "required", "needs at least one order");
    }
    return new GroupQuote(
        quotes,
        Amounts.usd(sum(quotes, PriceQuote::retail)),
        Amounts.usd(sum(quotes, PriceQuote::discount)),
        Amounts.usd(sum(quotes, PriceQuote::paid)),
        Amounts.uzs(sum(quotes, PriceQuote::retailUzs)),
        Amounts.uzs(sum(quotes, PriceQuote::discountUzs)),
        Amounts.uzs(sum(quotes, PriceQuote::paidUzs)));
  }

  /** How many orders the quote covers. */
  public int size() {
    return orders.size();
  }

  private static BigDecimal sum(List<PriceQuote> quotes, Function<PriceQuote, MonetaryAmount> part) {
    BigDecimal total = BigDecimal.ZERO;
    for (PriceQuote q : quotes) {
      total = total.add(Amounts.decimal(part.apply(q)));
    }
    return total;
  }
}
