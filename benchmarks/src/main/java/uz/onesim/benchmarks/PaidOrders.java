package uz.onesim.benchmarks;

import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.SampleData;

/** The fulfilment benchmarks' starting point: {@code n} paid shop orders of one package, analysed. */
final class PaidOrders {
  private PaidOrders() {}

  static void seed(LocalSupabase supabase, int n) throws java.sql.SQLException {
    supabase.database().update(Identity.superuser(), """
        insert into public.orders (user_id, source_type, package_code, price_usd, price_uzs, fx_rate_uzs, order_status,
                                   payment_status, paid_at, customer_email, customer_first_name, delivery_method)
        select ?, 'b2c', 'TR_1GB_7D', 15.00, 189750, 12650, 'PENDING', 'paid', now(), 'bench' || g || '@example.com', 'Bench', 'manual'
        from generate_series(1, ?) g""", SampleData.CUSTOMER_USER, n);
    try (var c = supabase.database().connect(); var st = c.createStatement()) {
      st.execute("vacuum analyze public.orders");
    }
  }
}
