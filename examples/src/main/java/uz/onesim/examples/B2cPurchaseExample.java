package uz.onesim.examples;

import java.io.PrintStream;
import uz.onesim.client.CallOptions;
import uz.onesim.client.Order;
import uz.onesim.core.Amounts;
import uz.onesim.testkit.SampleData;

/** OneSIM Shop: a consumer buys an eSIM at retail, the backend fulfils it, the consumer sees the activation code. */
public final class B2cPurchaseExample {
  private B2cPurchaseExample() {}

  public static void main(String[] args) {
    try (EmbeddedDefault env = EmbeddedDefault.start()) {
      run(env, System.out);
    }
  }

  static void run(EmbeddedDefault env, PrintStream out) {
    var customer = env.as(SampleData.CUSTOMER_USER);
    Order bought = customer.orders().buy(SampleData.TR_1GB, 1, CallOptions.none()).get(0);
    out.printf("Bought %s for %s USD (%s som), status %s%n", bought.packageCode(), Amounts.decimal(bought.paid()),
        Amounts.decimal(bought.paidUzs()), bought.status());
    // The shop's payment provider calls OneSIM's backend; only paid orders are fulfilled.
    env.backend.payments().confirm(java.util.List.of(bought.id()), "payme", "payme-tx-1001", bought.paid());
    env.pollingFulfiller().runOnce();
    Order mine = customer.orders().get(bought.id());
    out.printf("Now %s: ICCID %s, activation code %s%n", mine.status(), mine.iccid(), mine.activationCode());
  }
}
