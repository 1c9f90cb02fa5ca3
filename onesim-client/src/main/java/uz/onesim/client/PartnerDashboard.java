package uz.onesim.client;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import javax.money.MonetaryAmount;
import uz.onesim.client.internal.MoneyColumns;
import uz.onesim.core.DiscountRate;
import uz.onesim.core.OrderStatus;

/**
 * A partner's dashboard, read in one round trip: the ledger totals (completed orders only), order
 * counts by status, this month, and per-customer, per-group and recent-order breakdowns. Money is
 * USD throughout.
 */
public record PartnerDashboard(Stats stats, Account account, List<CustomerLine> customers, List<GroupLine> groups,
    List<RecentOrder> recentOrders) {

  /**
   * The prepaid account beside the figures: balance, credit limit, what can be spent now, and
   * whether the balance is below the partner's low-balance threshold.
   *
   * @param lowBalanceThreshold null when no warning is set
   */
  public record Account(MonetaryAmount balance, MonetaryAmount creditLimit, MonetaryAmount available,
      MonetaryAmount lowBalanceThreshold, boolean balanceLow) {}

  /**
   * Totals. Money and {@code completedOrders} come from the earnings ledger and count completed
   * orders only; {@code ordersPlaced} and the per-status counts count every order.
   *
   * @param effectiveRate the rate new orders get now
   * @param realizedDiscountPercent {@code totalSavings / retailValue} in percent, or null before the
   *     first completed order
   */
  public record Stats(UUID partnerId, String companyName, DiscountRate effectiveRate, long completedOrders, long ordersPlaced,
      long activeOrders, long pendingOrders, long failedOrders, long cancelledOrders, MonetaryAmount totalSpent,
      MonetaryAmount retailValue, MonetaryAmount totalSavings, BigDecimal realizedDiscountPercent, long monthCompletedOrders,
      MonetaryAmount monthSpent, MonetaryAmount monthRetail, MonetaryAmount monthSavings, int totalCustomers, long totalGroups) {}

  /** A customer with what the partner spent on its completed orders. */
  public record CustomerLine(UUID id, String firstName, String lastName, String email, int completedOrders, MonetaryAmount spent) {}

  /** A customer group with its completed orders' spend and savings. */
  public record GroupLine(UUID id, String name, String destinationName, int groupSize, long completedOrders, MonetaryAmount spent,
      MonetaryAmount savings) {}

  /** One of the newest orders, whatever its status. */
  public record RecentOrder(UUID id, OffsetDateTime createdAt, String packageCode, OrderStatus status, String customerFirstName,
      String customerLastName, MonetaryAmount retail, MonetaryAmount paid, MonetaryAmount savings) {}

  /** The JSON {@code partner_dashboard} returns. */
  record Wire(StatsRow stats, AccountRow account, List<CustomerRow> customers, List<GroupRow> groups, List<RecentRow> recentOrders) {
    PartnerDashboard toDashboard() {
      return new PartnerDashboard(stats.toStats(), account.toAccount(), customers.stream().map(CustomerRow::toLine).toList(),
          groups.stream().map(GroupRow::toLine).toList(), recentOrders.stream().map(RecentRow::toLine).toList());
    }
  }

  record AccountRow(BigDecimal balanceUsd, BigDecimal creditLimitUsd, BigDecimal availableUsd, BigDecimal lowBalanceThresholdUsd,
      boolean balanceLow) {
    Account toAccount() {
      return new Account(MoneyColumns.usd("balance_usd", balanceUsd), MoneyColumns.usd("credit_limit_usd", creditLimitUsd),
          MoneyColumns.usd("available_usd", availableUsd), MoneyColumns.usdOrNull(lowBalanceThresholdUsd), balanceLow);
    }
  }

  record StatsRow(UUID partnerId, String companyName, BigDecimal effectiveDiscountRate, long totalOrders, long ordersPlaced,
      long activeOrders, long pendingOrders, long failedOrders, long cancelledOrders, BigDecimal totalSpentUsd,
      BigDecimal totalOrdersValueRetailUsd, BigDecimal totalSavingsUsd, BigDecimal effectiveDiscountPercent, long monthOrders,
      BigDecimal monthSpentUsd, BigDecimal monthRetailUsd, BigDecimal monthSavingsUsd, int totalCustomers, long totalGroups) {
    Stats toStats() {
      return new Stats(partnerId, companyName, DiscountRate.of(effectiveDiscountRate), totalOrders, ordersPlaced, activeOrders,
          pendingOrders, failedOrders, cancelledOrders, MoneyColumns.usd("total_spent_usd", totalSpentUsd),
          MoneyColumns.usd("total_orders_value_retail_usd", totalOrdersValueRetailUsd),
          MoneyColumns.usd("total_savings_usd", totalSavingsUsd), effectiveDiscountPercent, monthOrders,
          MoneyColumns.usd("month_spent_usd", monthSpentUsd), MoneyColumns.usd("month_retail_usd", monthRetailUsd),
          MoneyColumns.usd("month_savings_usd", monthSavingsUsd), totalCustomers, totalGroups);
    }
  }

  record CustomerRow(UUID id, String firstName, String lastName, String email, int totalOrders, BigDecimal totalSpent) {
    CustomerLine toLine() {
      return new CustomerLine(id, firstName, lastName, email, totalOrders, MoneyColumns.usd("total_spent", totalSpent));
    }
  }

  record GroupRow(UUID id, String name, String destinationName, int groupSize, long completedOrders, BigDecimal spentUsd,
      BigDecimal savingsUsd) {
    GroupLine toLine() {
      return new GroupLine(id, name, destinationName, groupSize, completedOrders, MoneyColumns.usd("spent_usd", spentUsd),
          MoneyColumns.usd("savings_usd", savingsUsd));
    }
  }

  record RecentRow(UUID id, OffsetDateTime createdAt, String packageCode, String orderStatus, String customerFirstName,
      String customerLastName, BigDecimal retailUsd, BigDecimal paidUsd, BigDecimal savingsUsd) {
    RecentOrder toLine() {
      return new RecentOrder(id, createdAt, packageCode, OrderStatus.fromWire(orderStatus), customerFirstName, customerLastName,
          MoneyColumns.usd("retail_usd", retailUsd), MoneyColumns.usd("paid_usd", paidUsd), MoneyColumns.usd("savings_usd", savingsUsd));
    }
  }
}
