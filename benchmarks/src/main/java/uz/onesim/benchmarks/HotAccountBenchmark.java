package uz.onesim.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import uz.onesim.client.CallOptions;
import uz.onesim.client.OneSim;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.PartnerAccount;

/**
 * The cost of paying at purchase: every partner purchase locks its partner's row (the balance and
 * the ledger move in the same transaction as the orders), so concurrent purchases by one partner
 * queue behind each other. 200 single-eSIM purchases from 16 threads, all on one partner (the hot
 * account) versus spread over 16 partners. Prints wall time, throughput and latency percentiles,
 * and checks that every balance equals its ledger afterwards.
 *
 * <pre>./mvnw -q -pl benchmarks -am compile exec:java -Dexec.mainClass=uz.onesim.benchmarks.HotAccountBenchmark</pre>
 */
public final class HotAccountBenchmark {
  private static final int PURCHASES = 200;
  private static final int THREADS = 16;

  private HotAccountBenchmark() {}

  public static void main(String[] args) throws Exception {
    try (LocalSupabase supabase = LocalSupabase.start()) {
      OneSim onesim = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build();
      List<Buyer> partners = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        PartnerAccount p = supabase.createPartner("Bench Partner " + i, "bench" + i + "@example.com", null, "active");
        UUID customer = (UUID) supabase.database().value(Identity.user(p.userId()),
            "insert into partner_customers (first_name, last_name, email) values ('B', 'N', ?) returning id", "c" + i + "@example.com");
        partners.add(new Buyer(onesim.asUser(supabase.userJwt(p.userId())), customer));
      }
      // warm up connections and plans
      run(partners.subList(0, 1), 20);
      System.out.printf("%-22s %10s %12s %10s %10s %10s%n", "accounts", "wall ms", "orders/s", "p50 ms", "p95 ms", "max ms");
      print("1 (hot account)", run(partners.subList(0, 1), PURCHASES));
      print(THREADS + " (spread)", run(partners, PURCHASES));
      Object mismatches = supabase.database().value(Identity.superuser(), """
          select count(*) from partners p
          where p.balance_usd <> (select coalesce(sum(l.amount_usd), 0) from partner_ledger l where l.partner_id = p.id)""");
      System.out.println("partners whose balance differs from their ledger: " + mismatches);
    }
  }

  record Buyer(OneSim.UserSession session, UUID customer) {}

  record Result(long wallNs, long[] latenciesNs) {}

  static Result run(List<Buyer> buyers, int purchases) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Long>> futures = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < purchases; i++) {
        Buyer b = buyers.get(i % buyers.size());
        futures.add(pool.submit(() -> {
          long s = System.nanoTime();
          b.session().orders().buyForCustomer(b.customer(), "TR_1GB_7D", 1, CallOptions.none());
          return System.nanoTime() - s;
        }));
      }
      long[] lat = new long[purchases];
      for (int i = 0; i < purchases; i++) {
        lat[i] = futures.get(i).get();
      }
      return new Result(System.nanoTime() - t0, lat);
    } finally {
      pool.shutdown();
    }
  }

  static void print(String label, Result r) {
    long[] l = r.latenciesNs().clone();
    Arrays.sort(l);
    double wallMs = r.wallNs() / 1e6;
    System.out.printf("%-22s %10.0f %12.1f %10.1f %10.1f %10.1f%n", label, wallMs, l.length / (wallMs / 1000.0),
        l[l.length / 2] / 1e6, l[(int) (l.length * 0.95)] / 1e6, l[l.length - 1] / 1e6);
  }
}
