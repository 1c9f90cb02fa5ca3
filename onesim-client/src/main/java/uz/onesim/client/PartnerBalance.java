package uz.onesim.client;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.money.MonetaryAmount;
import uz.onesim.client.internal.MoneyColumns;
import uz.onesim.core.Amounts;

/**
 * One partner's prepaid account as an admin sees it ({@link AdminService#balances()}): balance,
 * credit limit, credit in use, what it can still spend, its low-balance threshold (null: none) and
 * since when it has been below it (null: it is not).
 */
public record PartnerBalance(UUID partnerId, String companyName, String status, MonetaryAmount balance, MonetaryAmount creditLimit,
    MonetaryAmount creditUsed, MonetaryAmount available, MonetaryAmount lowBalanceThreshold, OffsetDateTime balanceLowSince) {

  static final String COLUMNS = "partner_id,company_name,status,balance_usd,credit_limit_usd,credit_used_usd,available_usd,"
      + "low_balance_threshold_usd,balance_low_since";

  record Row(UUID partnerId, String companyName, String status, BigDecimal balanceUsd, BigDecimal creditLimitUsd,
      BigDecimal creditUsedUsd, BigDecimal availableUsd, BigDecimal lowBalanceThresholdUsd, OffsetDateTime balanceLowSince) {
    PartnerBalance toBalance() {
      String who = "partner " + partnerId;
      return new PartnerBalance(partnerId, companyName, status, MoneyColumns.usd(who, "balance_usd", balanceUsd),
          MoneyColumns.usd(who, "credit_limit_usd", creditLimitUsd), MoneyColumns.usd(who, "credit_used_usd", creditUsedUsd),
          MoneyColumns.usd(who, "available_usd", availableUsd),
          lowBalanceThresholdUsd == null ? null : Amounts.usd(lowBalanceThresholdUsd), balanceLowSince);
    }
  }
}
