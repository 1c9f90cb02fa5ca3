package uz.onesim.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.YearMonth;
import java.util.UUID;
import javax.money.MonetaryAmount;
import uz.onesim.core.Amounts;

/**
 * A partner's monthly statement: opening balance, fundings (bank transfers in), purchases (orders
 * and eSIM top-ups: (count, retail, discount and
 * paid in USD; paid and discount in som at each purchase's own FX snapshot), refunds, adjustments and
 * closing balance. It reconciles exactly: {@code closing = opening + funding − purchasesPaid +
 * refunds + adjustments}, and a month's closing is the next month's opening.
 */
public record PartnerStatement(UUID partnerId, YearMonth month, MonetaryAmount opening, MonetaryAmount funding,
    long purchases, MonetaryAmount purchasesRetail, MonetaryAmount purchasesDiscount, MonetaryAmount purchasesPaid,
    MonetaryAmount purchasesPaidUzs, MonetaryAmount purchasesDiscountUzs, MonetaryAmount refunds,
    MonetaryAmount adjustments, MonetaryAmount closing) {

  static PartnerStatement from(JsonNode j) {
    return new PartnerStatement(UUID.fromString(j.path("partner_id").asText()), YearMonth.parse(j.path("month").asText()),
        usd(j, "opening_usd"), usd(j, "funding_usd"), j.path("purchases_count").asLong(), usd(j, "purchases_retail_usd"),
        usd(j, "purchases_discount_usd"), usd(j, "purchases_paid_usd"), Amounts.uzs(j.path("purchases_paid_uzs").decimalValue()),
        Amounts.uzs(j.path("purchases_discount_uzs").decimalValue()), usd(j, "refunds_usd"), usd(j, "adjustments_usd"),
        usd(j, "closing_usd"));
  }

  private static MonetaryAmount usd(JsonNode j, String field) {
    JsonNode v = j.get(field);
    if (v == null || v.isNull()) {
      throw new uz.onesim.core.OneSimException("the statement lacks " + field);
    }
    return Amounts.usd(v.decimalValue().setScale(2));
  }
}
