package uz.onesim.client;

import java.math.BigDecimal;
import javax.money.MonetaryAmount;
import uz.onesim.core.Amounts;

/**
 * A partner's prepaid account: the balance (the sum of its ledger), the credit OneSIM allows, what
 * it can spend now, and the threshold below which it is warned.
 *
 * @param lowBalanceThreshold null when no warning is set
 */
public record AccountBalance(MonetaryAmount balance, MonetaryAmount creditLimit, MonetaryAmount available,
    MonetaryAmount lowBalanceThreshold) {

  /** The columns as PostgREST returns them. */
  record Row(BigDecimal balanceUsd, BigDecimal creditLimitUsd, BigDecimal lowBalanceThresholdUsd) {
    AccountBalance toBalance() {
      return new AccountBalance(Amounts.usd(balanceUsd), Amounts.usd(creditLimitUsd), Amounts.usd(balanceUsd.add(creditLimitUsd)),
          lowBalanceThresholdUsd == null ? null : Amounts.usd(lowBalanceThresholdUsd));
    }
  }
}
