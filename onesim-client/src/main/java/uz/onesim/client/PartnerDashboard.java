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
   */
  public static final class Stats {
    private final UUID partnerId;
    private final String companyName;
    private final DiscountRate effectiveRate;
    private final long completedOrders;
    private final long ordersPlaced;
    private final long activeOrders;
    private final long pendingOrders;
    private final long failedOrders;
    private final long cancelledOrders;
    private final MonetaryAmount totalSpent;
    private final MonetaryAmount retailValue;
    private final MonetaryAmount totalSavings;
    private final BigDecimal realizedDiscountPercent;
    private final long monthCompletedOrders;
    private final MonetaryAmount monthSpent;
    private final MonetaryAmount monthRetail;
    private final MonetaryAmount monthSavings;
    private final int totalCustomers;
    private final long totalGroups;

    private Stats(Builder b) {
      this.partnerId = b.partnerId;
      this.companyName = b.companyName;
      this.effectiveRate = b.effectiveRate;
      this.completedOrders = b.completedOrders;
      this.ordersPlaced = b.ordersPlaced;
      this.activeOrders = b.activeOrders;
      this.pendingOrders = b.pendingOrders;
      this.failedOrders = b.failedOrders;
      this.cancelledOrders = b.cancelledOrders;
      this.totalSpent = b.totalSpent;
      this.retailValue = b.retailValue;
      this.totalSavings = b.totalSavings;
      this.realizedDiscountPercent = b.realizedDiscountPercent;
      this.monthCompletedOrders = b.monthCompletedOrders;
      this.monthSpent = b.monthSpent;
      this.monthRetail = b.monthRetail;
      this.monthSavings = b.monthSavings;
      this.totalCustomers = b.totalCustomers;
      this.totalGroups = b.totalGroups;
    }

    /** A builder with every field unset (null, 0 or false). New fields may be added to it in any release. */
    public static Builder builder() {
      return new Builder();
    }

    /** A builder holding this figures's fields, to change some of them. */
    public Builder toBuilder() {
      Builder b = new Builder();
      b.partnerId = partnerId;
      b.companyName = companyName;
      b.effectiveRate = effectiveRate;
      b.completedOrders = completedOrders;
      b.ordersPlaced = ordersPlaced;
      b.activeOrders = activeOrders;
      b.pendingOrders = pendingOrders;
      b.failedOrders = failedOrders;
      b.cancelledOrders = cancelledOrders;
      b.totalSpent = totalSpent;
      b.retailValue = retailValue;
      b.totalSavings = totalSavings;
      b.realizedDiscountPercent = realizedDiscountPercent;
      b.monthCompletedOrders = monthCompletedOrders;
      b.monthSpent = monthSpent;
      b.monthRetail = monthRetail;
      b.monthSavings = monthSavings;
      b.totalCustomers = totalCustomers;
      b.totalGroups = totalGroups;
      return b;
    }

    /** {@code partnerId}. */
    public UUID partnerId() {
      return partnerId;
    }

    /** {@code companyName}. */
    public String companyName() {
      return companyName;
    }

    /** The rate new orders get now. */
    public DiscountRate effectiveRate() {
      return effectiveRate;
    }

    /** {@code completedOrders}. */
    public long completedOrders() {
      return completedOrders;
    }

    /** {@code ordersPlaced}. */
    public long ordersPlaced() {
      return ordersPlaced;
    }

    /** {@code activeOrders}. */
    public long activeOrders() {
      return activeOrders;
    }

    /** {@code pendingOrders}. */
    public long pendingOrders() {
      return pendingOrders;
    }

    /** {@code failedOrders}. */
    public long failedOrders() {
      return failedOrders;
    }

    /** {@code cancelledOrders}. */
    public long cancelledOrders() {
      return cancelledOrders;
    }

    /** {@code totalSpent}. */
    public MonetaryAmount totalSpent() {
      return totalSpent;
    }

    /** {@code retailValue}. */
    public MonetaryAmount retailValue() {
      return retailValue;
    }

    /** {@code totalSavings}. */
    public MonetaryAmount totalSavings() {
      return totalSavings;
    }

    /** {@code totalSavings / retailValue} in percent, or null before the first completed order. */
    public BigDecimal realizedDiscountPercent() {
      return realizedDiscountPercent;
    }

    /** {@code monthCompletedOrders}. */
    public long monthCompletedOrders() {
      return monthCompletedOrders;
    }

    /** {@code monthSpent}. */
    public MonetaryAmount monthSpent() {
      return monthSpent;
    }

    /** {@code monthRetail}. */
    public MonetaryAmount monthRetail() {
      return monthRetail;
    }

    /** {@code monthSavings}. */
    public MonetaryAmount monthSavings() {
      return monthSavings;
    }

    /** {@code totalCustomers}. */
    public int totalCustomers() {
      return totalCustomers;
    }

    /** {@code totalGroups}. */
    public long totalGroups() {
      return totalGroups;
    }


    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Stats other)) {
        return false;
      }
      return java.util.Objects.equals(partnerId, other.partnerId)
          && java.util.Objects.equals(companyName, other.companyName)
          && java.util.Objects.equals(effectiveRate, other.effectiveRate)
          && completedOrders == other.completedOrders
          && ordersPlaced == other.ordersPlaced
          && activeOrders == other.activeOrders
          && pendingOrders == other.pendingOrders
          && failedOrders == other.failedOrders
          && cancelledOrders == other.cancelledOrders
          && java.util.Objects.equals(totalSpent, other.totalSpent)
          && java.util.Objects.equals(retailValue, other.retailValue)
          && java.util.Objects.equals(totalSavings, other.totalSavings)
          && java.util.Objects.equals(realizedDiscountPercent, other.realizedDiscountPercent)
          && monthCompletedOrders == other.monthCompletedOrders
          && java.util.Objects.equals(monthSpent, other.monthSpent)
          && java.util.Objects.equals(monthRetail, other.monthRetail)
          && java.util.Objects.equals(monthSavings, other.monthSavings)
          && totalCustomers == other.totalCustomers
          && totalGroups == other.totalGroups;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(partnerId, companyName, effectiveRate, completedOrders, ordersPlaced, activeOrders, pendingOrders, failedOrders, cancelledOrders, totalSpent, retailValue, totalSavings, realizedDiscountPercent, monthCompletedOrders, monthSpent, monthRetail, monthSavings, totalCustomers, totalGroups);
    }

    @Override
    public String toString() {
      return "Stats[" + "partnerId=" + partnerId
          + ", companyName=" + companyName
          + ", effectiveRate=" + effectiveRate
          + ", completedOrders=" + completedOrders
          + ", ordersPlaced=" + ordersPlaced
          + ", activeOrders=" + activeOrders
          + ", pendingOrders=" + pendingOrders
          + ", failedOrders=" + failedOrders
          + ", cancelledOrders=" + cancelledOrders
          + ", totalSpent=" + totalSpent
          + ", retailValue=" + retailValue
          + ", totalSavings=" + totalSavings
          + ", realizedDiscountPercent=" + realizedDiscountPercent
          + ", monthCompletedOrders=" + monthCompletedOrders
          + ", monthSpent=" + monthSpent
          + ", monthRetail=" + monthRetail
          + ", monthSavings=" + monthSavings
          + ", totalCustomers=" + totalCustomers
          + ", totalGroups=" + totalGroups + "]";
    }

    /** Builds a {@link Stats}; unset fields stay null, 0 or false. */
    public static final class Builder {
      private UUID partnerId;
      private String companyName;
      private DiscountRate effectiveRate;
      private long completedOrders;
      private long ordersPlaced;
      private long activeOrders;
      private long pendingOrders;
      private long failedOrders;
      private long cancelledOrders;
      private MonetaryAmount totalSpent;
      private MonetaryAmount retailValue;
      private MonetaryAmount totalSavings;
      private BigDecimal realizedDiscountPercent;
      private long monthCompletedOrders;
      private MonetaryAmount monthSpent;
      private MonetaryAmount monthRetail;
      private MonetaryAmount monthSavings;
      private int totalCustomers;
      private long totalGroups;

      private Builder() {}

      /** Sets {@code partnerId}. */
      public Builder partnerId(UUID partnerId) {
        this.partnerId = partnerId;
        return this;
      }

      /** Sets {@code companyName}. */
      public Builder companyName(String companyName) {
        this.companyName = companyName;
        return this;
      }

      /** Sets {@code effectiveRate}. */
      public Builder effectiveRate(DiscountRate effectiveRate) {
        this.effectiveRate = effectiveRate;
        return this;
      }

      /** Sets {@code completedOrders}. */
      public Builder completedOrders(long completedOrders) {
        this.completedOrders = completedOrders;
        return this;
      }

      /** Sets {@code ordersPlaced}. */
      public Builder ordersPlaced(long ordersPlaced) {
        this.ordersPlaced = ordersPlaced;
        return this;
      }

      /** Sets {@code activeOrders}. */
      public Builder activeOrders(long activeOrders) {
        this.activeOrders = activeOrders;
        return this;
      }

      /** Sets {@code pendingOrders}. */
      public Builder pendingOrders(long pendingOrders) {
        this.pendingOrders = pendingOrders;
        return this;
      }

      /** Sets {@code failedOrders}. */
      public Builder failedOrders(long failedOrders) {
        this.failedOrders = failedOrders;
        return this;
      }

      /** Sets {@code cancelledOrders}. */
      public Builder cancelledOrders(long cancelledOrders) {
        this.cancelledOrders = cancelledOrders;
        return this;
      }

      /** Sets {@code totalSpent}. */
      public Builder totalSpent(MonetaryAmount totalSpent) {
        this.totalSpent = totalSpent;
        return this;
      }

      /** Sets {@code retailValue}. */
      public Builder retailValue(MonetaryAmount retailValue) {
        this.retailValue = retailValue;
        return this;
      }

      /** Sets {@code totalSavings}. */
      public Builder totalSavings(MonetaryAmount totalSavings) {
        this.totalSavings = totalSavings;
        return this;
      }

      /** Sets {@code realizedDiscountPercent}. */
      public Builder realizedDiscountPercent(BigDecimal realizedDiscountPercent) {
        this.realizedDiscountPercent = realizedDiscountPercent;
        return this;
      }

      /** Sets {@code monthCompletedOrders}. */
      public Builder monthCompletedOrders(long monthCompletedOrders) {
        this.monthCompletedOrders = monthCompletedOrders;
        return this;
      }

      /** Sets {@code monthSpent}. */
      public Builder monthSpent(MonetaryAmount monthSpent) {
        this.monthSpent = monthSpent;
        return this;
      }

      /** Sets {@code monthRetail}. */
      public Builder monthRetail(MonetaryAmount monthRetail) {
        this.monthRetail = monthRetail;
        return this;
      }

      /** Sets {@code monthSavings}. */
      public Builder monthSavings(MonetaryAmount monthSavings) {
        this.monthSavings = monthSavings;
        return this;
      }

      /** Sets {@code totalCustomers}. */
      public Builder totalCustomers(int totalCustomers) {
        this.totalCustomers = totalCustomers;
        return this;
      }

      /** Sets {@code totalGroups}. */
      public Builder totalGroups(long totalGroups) {
        this.totalGroups = totalGroups;
        return this;
      }

      /** The figures. */
      public Stats build() {
        return new Stats(this);
      }
    }
  }

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
      return Stats.builder().partnerId(partnerId).companyName(companyName).effectiveRate(DiscountRate.of(effectiveDiscountRate))
          .completedOrders(totalOrders).ordersPlaced(ordersPlaced).activeOrders(activeOrders).pendingOrders(pendingOrders)
          .failedOrders(failedOrders).cancelledOrders(cancelledOrders).totalSpent(MoneyColumns.usd("total_spent_usd", totalSpentUsd))
          .retailValue(MoneyColumns.usd("total_orders_value_retail_usd", totalOrdersValueRetailUsd))
          .totalSavings(MoneyColumns.usd("total_savings_usd", totalSavingsUsd)).realizedDiscountPercent(effectiveDiscountPercent)
          .monthCompletedOrders(monthOrders).monthSpent(MoneyColumns.usd("month_spent_usd", monthSpentUsd))
          .monthRetail(MoneyColumns.usd("month_retail_usd", monthRetailUsd))
          .monthSavings(MoneyColumns.usd("month_savings_usd", monthSavingsUsd)).totalCustomers(totalCustomers)
          .totalGroups(totalGroups).build();
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
