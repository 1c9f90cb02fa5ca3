package uz.onesim.client;

import java.util.Collections;
import uz.onesim.core.DiscountRate;
import uz.onesim.core.FxRate;
import uz.onesim.core.GroupQuote;
import uz.onesim.core.PriceQuote;

/**
 * What a purchase will cost the signed-in buyer, before it is made: the retail price, the buyer's
 * discount rate (its partner's effective rate, 0 for a consumer) and the newest FX snapshot, as the
 * database will price the orders, computed by onesim-core's one rounding rule (docs/money.md).
 * The orders placed right after cost exactly this, unless a price, rate or FX changes in between.
 *
 * @param unit one eSIM's price
 * @param total the purchase: rounded per eSIM, then summed
 */
public record Quote(String packageCode, int quantity, DiscountRate rate, FxRate fx, PriceQuote unit, GroupQuote total) {

  static Quote of(String packageCode, int quantity, PriceQuote unit) {
    return new Quote(packageCode, quantity, unit.rate(), unit.fx(), unit,
        GroupQuote.summing(Collections.nCopies(quantity, unit)));
  }
}
