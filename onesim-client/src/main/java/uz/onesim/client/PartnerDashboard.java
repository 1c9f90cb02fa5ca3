package uz.onesim.client;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import javax.money.MonetaryAmount;
import uz.onesim.core.Amounts;

/**
 * A partner's dashboard, read in one round trip: the ledger totals (completed orders only), order
 * counts by status, this month, and per-customer, per-group and recent-order breakdowns.
 */
public record PartnerDashboard(Stats stats, Account account, List<CustomerLine> customers, List<GroupLine> groups,
    List<RecentOrder> recentOrders) {

  /**
   * The prepaid account beside the figures: balance, credit limit, what can be spent now, and
   * whether the balance is below the partner's low-balance threshold.
   */
  public record Account(BigDecimal balanceUsd, BigDecimal creditLimitUsd, BigDecimal availableUsd, BigDecimal lowBalanceThresholdUsd,
      boolean balanceLow) {
    public MonetaryAmount balance() {
      return Amounts.usd(balanceUsd);
    }

    public MonetaryAmount available() {
      return Amounts.usd(availableUsd);
    }

    public MonetaryAmount creditLimit() {
      return Amounts.usd(creditLimitUsd);
    }
  }

  /** Totals; money from the earnings ledger. */
  public record Stats(UUID partnerId, String companyName, BigDecimal effectiveDiscountRate, int totalOrders, long ordersPlaced,
      long activeOrders, long pendingOrders, long failedOrders, long cancelledOrders, BigDecimal totalSpentUsd,
      BigDecimal totalOrdersValueRetailUsd, BigDecimal totalSavingsUsd, BigDecimal effectiveDiscountPercent, long monthOrders,
      BigDecimal monthSpentUsd, BigDecimal monthRetailUsd, BigDecimal monthSavingsUsd, int totalCustomers, long totalGroups) {
    public MonetaryAmount totalSpent() {
      return Amounts.usd(totalSpentUsd);
    }

    public MonetaryAmount retailValue() {
      return Amounts.usd(totalOrdersValueRetailUsd);
    }

    public MonetaryAmount totalSavings() {
      return Amounts.usd(totalSavingsUsd);
    }
  }

  public record CustomerLine(UUID id, String firstName, String lastName, String email, int totalOrders, BigDecimal totalSpent) {}

  public record GroupLine(UUID id, String name, String destinationName, int groupSize, long completedOrders, BigDecimal spentUsd,
      BigDecimal savingsUsd) {}

  public record RecentOrder(UUID id, OffsetDateTime createdAt, String packageCode, uz.onesim.core.OrderStatus orderStatus, String customerFirstName,
      String customerLastName, BigDecimal retailUsd, BigDecimal paidUsd, BigDecimal savingsUsd) {}
}
