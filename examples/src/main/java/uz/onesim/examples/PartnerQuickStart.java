package uz.onesim.examples;

import java.io.PrintStream;
import java.util.List;
import uz.onesim.client.CallOptions;
import uz.onesim.client.NewCustomer;
import uz.onesim.client.OneSim;
import uz.onesim.client.Order;
import uz.onesim.client.PartnerCustomer;
import uz.onesim.client.PartnerDashboard;
import uz.onesim.client.Quote;
import uz.onesim.client.auth.PartnerApiKey;
import uz.onesim.core.Amounts;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.SampleData;

/**
 * Quick start for a partner integrator (OneSIM Reseller): sign the server in with its API key, add
 * a customer, quote, buy an eSIM for them at the partner discount, and read the dashboard. Runs
 * against {@code SUPABASE_URL} / {@code SUPABASE_ANON_KEY} / {@code ONESIM_API_KEY} when set, else on
 * a LocalSupabase with the sample partner "Grand Travel Tour" and its "booking engine" credential.
 */
public final class PartnerQuickStart {
  private PartnerQuickStart() {}

  public static void main(String[] args) {
    String url = System.getenv("SUPABASE_URL");
    if (url != null) {
      run(url, System.getenv("SUPABASE_ANON_KEY"), System.getenv("ONESIM_API_KEY"), System.out);
      return;
    }
    try (LocalSupabase local = LocalSupabase.start()) {
      run(local.url(), local.anonKey(), sampleApiKey(local), System.out);
    }
  }

  /** The sample partner's key on a LocalSupabase (OneSIM's backend issues real ones: OneSimBackend.credentials()). */
  static String sampleApiKey(LocalSupabase local) {
    PartnerApiKey key = PartnerApiKey.of(SampleData.GRAND_TRAVEL_CREDENTIAL, "booking-engine-demo-secret-0000000000000000");
    local.setPassword(SampleData.GRAND_TRAVEL_INTEGRATION_USER, key.secret());
    return key.value();
  }

  static void run(String supabaseUrl, String anonKey, String apiKey, PrintStream out) {
    OneSim onesim = OneSim.builder().supabaseUrl(supabaseUrl).apiKey(anonKey).build();
    OneSim.UserSession partner = onesim.signInWithApiKey(apiKey);                // refreshes itself; RLS: only this partner's data

    Quote q = partner.orders().quote("TR_1GB_7D", 1);                          // your price before you buy
    out.printf("Quote: TR_1GB_7D at %s%%: you pay %s USD (%s som)%n", q.rate().percent(), Amounts.decimal(q.unit().paid()),
        Amounts.decimal(q.unit().paidUzs()));

    PartnerCustomer aziza = partner.customers()                                  // same email = same customer
        .save(NewCustomer.of("Aziza", "Karimova", "aziza@example.com", "+998901111111"));
    List<Order> orders = partner.orders()
        .buyForCustomer(aziza.id(), "TR_1GB_7D", 1, CallOptions.idempotencyKey("quickstart-aziza-1"));
    Order o = orders.get(0);
    out.printf("Ordered %s for %s %s: retail %s, you pay %s, you save %s (%s)%n", o.packageCode(), o.customerFirstName(),
        o.customerLastName(), Amounts.decimal(o.retail()), Amounts.decimal(o.paid()), Amounts.decimal(o.discount()), o.status());

    PartnerDashboard d = partner.dashboard();                                    // one round trip
    out.printf("Dashboard: %d completed orders, spent %s, retail value %s, saved %s, %d placed%n", d.stats().completedOrders(),
        Amounts.decimal(d.stats().totalSpent()), Amounts.decimal(d.stats().retailValue()), Amounts.decimal(d.stats().totalSavings()),
        d.stats().ordersPlaced());
  }
}
