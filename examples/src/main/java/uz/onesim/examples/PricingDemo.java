package uz.onesim.examples;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import javax.money.MonetaryAmount;
import uz.onesim.core.Amounts;
import uz.onesim.core.DiscountRate;
import uz.onesim.core.FxRate;
import uz.onesim.core.GroupQuote;
import uz.onesim.core.PriceQuote;

/**
 * Prints the worked examples of the discount model, computed by {@code onesim-core}: the 5 %
 * default partner on 15, 20 and 25 dollars, a 10 % and a 3 % partner, a B2C sale, the dashboard
 * total of 47 orders, and what a partner earns when it resells. README command one.
 */
public final class PricingDemo {
  static final FxRate FX = new FxRate(new BigDecimal("12650"), "seed", Instant.parse("2026-11-01T00:00:00Z"));

  private PricingDemo() {}

  public static void main(String[] args) {
    // Moneta announces its MathContext at INFO through java.util.logging; not news for a reader.
    java.util.logging.Logger.getLogger("org.javamoney.moneta").setLevel(java.util.logging.Level.WARNING);
    print(System.out);
  }

  static void print(PrintStream out) {
    out.println("OneSIM discount model (USD -> UZS at " + FX.uzsPerUsd().toPlainString() + ")");
    out.println();
    out.printf("%-24s %10s %10s %10s %14s %14s %12s%n",
        "Order", "Retail", "You paid", "Savings", "Retail UZS", "Paid UZS", "Savings UZS");
    row(out, "#001 partner 5%", quote("15.00", DiscountRate.DEFAULT));
    row(out, "#002 partner 5%", quote("20.00", DiscountRate.DEFAULT));
    row(out, "#003 partner 5%", quote("25.00", DiscountRate.DEFAULT));
    row(out, "premium partner 10%", quote("15.00", DiscountRate.of("10.00")));
    row(out, "new partner 3% (custom)", quote("15.00", DiscountRate.effective(DiscountRate.DEFAULT, DiscountRate.of("3"))));
    row(out, "B2C shop customer", quote("15.00", DiscountRate.ZERO));
    out.println();

    List<MonetaryAmount> fortySeven = Collections.nCopies(47, Amounts.usd("15.00"));
    GroupQuote dashboard = GroupQuote.of(fortySeven, DiscountRate.DEFAULT, FX);
    out.println("Dashboard: " + dashboard.size() + " orders");
    out.println("  Total spent:   " + money(dashboard.paid()));
    out.println("  Retail value:  " + money(dashboard.retail()));
    out.println("  Total savings: " + money(dashboard.discount()));
    out.println();

    PriceQuote q = quote("15.00", DiscountRate.DEFAULT);
    out.println("Partner resells the 15.00 eSIM it bought for " + money(q.paid()) + ":");
    out.println("  at 15.00 -> profit " + money(q.actualProfitAt(Amounts.usd("15.00"))));
    out.println("  at 20.00 -> profit " + money(q.actualProfitAt(Amounts.usd("20.00"))));
  }

  private static PriceQuote quote(String retail, DiscountRate rate) {
    return PriceQuote.of(Amounts.usd(retail), rate, FX);
  }

  private static void row(PrintStream out, String label, PriceQuote q) {
    out.printf("%-24s %10s %10s %10s %14s %14s %12s%n", label,
        money(q.retail()), money(q.paid()), money(q.discount()),
        money(q.retailUzs()), money(q.paidUzs()), money(q.discountUzs()));
  }

  private static String money(MonetaryAmount a) {
    return Amounts.decimal(a).toPlainString();
  }
}
