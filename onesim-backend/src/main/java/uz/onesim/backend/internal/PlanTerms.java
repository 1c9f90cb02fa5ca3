package uz.onesim.backend.internal;

import com.fasterxml.jackson.databind.JsonNode;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.core.Amounts;
import uz.onesim.esimaccess.ProviderMoney;

/**
 * What an order or top-up line sends the provider besides the package, read in one request:
 * {@code unitPrice}, the wholesale price OneSIM last synced ({@code package_costs}, in provider
 * units; null when none: no price lock), and {@code periodNum}, the days of a day pass (the
 * provider's data type 2, kept as {@code esim_packages.data_type}: the plan's own duration, what the
 * customer bought; null for other plans). What the provider does for a day pass without
 * {@code periodNum} is undocumented, so it is always sent.
 */
public record PlanTerms(Long unitPrice, Integer periodNum) {
  /** The terms of {@code packageCode}; both null for a package the catalogue does not hold. */
  public static PlanTerms of(PostgrestClient db, String packageCode) {
    JsonNode row = db.from("esim_packages").select("data_type,duration,package_costs(wholesale_price_usd)")
        .eq("package_code", packageCode).json().path(0);
    JsonNode cost = row.path("package_costs");
    cost = cost.isArray() ? cost.path(0) : cost;   // one-to-one: an object, or a list of one
    Long unitPrice = cost.hasNonNull("wholesale_price_usd")
        ? ProviderMoney.toUnits(Amounts.usd(cost.get("wholesale_price_usd").decimalValue())) : null;
    Integer periodNum = null;
    if (row.path("data_type").asInt(0) == 2) {
      int days = row.path("duration").asInt(1);
      periodNum = Math.max(1, Math.min(days, 365));
    }
    return new PlanTerms(unitPrice, periodNum);
  }
}
