package uz.onesim.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import uz.onesim.client.CallOptions;
import uz.onesim.client.OneSim;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.PartnerAccount;
import uz.onesim.testkit.SampleData;

/**
 * Where a partner purchase's time goes inside PostgreSQL: N single-eSIM purchases (default 400)
 * from one thread, then PostgreSQL's own per-function counters ({@code track_functions = all})
 * divided by N: calls, total and self milliseconds per order for the 25 costliest functions, and
 * the rows each table took. The list the next step of issue 29 starts from.
 *
 * <pre>./mvnw -q -pl benchmarks -am compile exec:java -Dexec.mainClass=uz.onesim.benchmarks.PurchaseProfileBenchmark</pre>
 */
public final class PurchaseProfileBenchmark {
  private PurchaseProfileBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    try (LocalSupabase supabase = LocalSupabase.start()) {
      try (var c = supabase.database().connect(); var st = c.createStatement()) {
        st.execute("alter system set track_functions = 'all'");
        st.execute("select pg_reload_conf()");
      }
      OneSim onesim = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build();
      List<OneSim.UserSession> partners = new ArrayList<>();
      List<UUID> customers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        PartnerAccount p = supabase.createPartner("Profile " + i, "profile" + i + "@example.com", null, "active");
        customers.add((UUID) supabase.database().value(Identity.user(p.userId()),
            "insert into partner_customers (first_name, last_name, email) values ('C', 'P', ?) returning id", "c" + i + "@example.com"));
        partners.add(onesim.asUser(supabase.userJwt(p.userId())));
      }
      for (int i = 0; i < 50; i++) {   // warm up
        partners.get(i % 4).orders().buyForCustomer(customers.get(i % 4), SampleData.TR_1GB, 1, CallOptions.none());
      }
      try (var c = supabase.database().connect(); var st = c.createStatement()) {
        st.execute("select pg_stat_reset()");
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        partners.get(i % 4).orders().buyForCustomer(customers.get(i % 4), SampleData.TR_1GB, 1, CallOptions.none());
      }
      System.out.printf("%d purchases from one thread: %.2f ms each over HTTP%n", n, (System.nanoTime() - t0) / 1e6 / n);
      Thread.sleep(1_000);   // the counters reach the statistics a moment after the transactions
      try (var c = supabase.database().connect(); var st = c.createStatement()) {
        // PostgREST's backends report their counters a moment late: divide by the purchases the
        // counters saw (the orders they inserted), not by those sent
        var seen = st.executeQuery("select n_tup_ins from pg_stat_user_tables where relname = 'orders'");
        seen.next();
        int counted = Math.max(1, seen.getInt(1));
        System.out.printf("the counters saw %d of the %d purchases; figures are per purchase they saw%n", counted, n);
        var rs = st.executeQuery("select schemaname || '.' || funcname, calls, total_time, self_time from pg_stat_user_functions "
            + "order by self_time desc limit 25");
        System.out.printf("%-46s %12s %14s %14s%n", "function", "calls/order", "total ms/order", "self ms/order");
        while (rs.next()) {
          System.out.printf("%-46s %12.1f %14.3f %14.3f%n", rs.getString(1), rs.getLong(2) / (double) counted, rs.getDouble(3) / counted,
              rs.getDouble(4) / counted);
        }
        rs = st.executeQuery("select relname, n_tup_ins, n_tup_upd, n_tup_hot_upd from pg_stat_user_tables "
            + "where n_tup_ins + n_tup_upd > 0 order by n_tup_ins + n_tup_upd desc");
        System.out.printf("%-30s %12s %12s %12s%n", "table", "inserts", "updates", "HOT updates");
        while (rs.next()) {
          System.out.printf("%-30s %12d %12d %12d%n", rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
        }
      }
    }
  }
}
