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
import uz.onesim.testkit.SampleData;

/**
 * What a partner purchase costs, side by side in one run (issue 29): (1) single-eSIM purchases from
 * 16 threads against a trivial read and a trivial RPC through the same PostgREST, in alternating
 * rounds, as ratios of throughputs; (2) one thread's purchase latency with about 5 000 ledger rows and again with 250 000
 * (the ledger grows with the business: a purchase must not slow down with it). Each round also
 * prints the CPU one call cost PostgreSQL, PostgREST and this JVM (client and gateway), from /proc.
 *
 * <p>Its arguments, if any, are what-if scripts ({@link WhatIfScripts}): after the schema as migrated,
 * the same run applies each in turn (on top of those before it) and measures again straight to
 * PostgREST. {@code what-if/direct-writes.sql+what-if/no-checks.sql+what-if/no-foreign-keys.sql+what-if/no-secondary-indexes.sql}
 * is a purchase with no rule of any kind: the floor of the tables it writes.
 *
 * <pre>./mvnw -q -pl benchmarks -am compile exec:java -Dexec.mainClass=uz.onesim.benchmarks.PurchaseCostBenchmark [-Dexec.args=...]</pre>
 */
public final class PurchaseCostBenchmark {
  private static final int THREADS = 16;
  private static final int ROUNDS = 3;
  private static final int PER_ROUND = 320;

  private PurchaseCostBenchmark() {}

  record Buyer(OneSim.UserSession session, UUID customer, uz.onesim.client.postgrest.PostgrestClient reader) {}

  public static void main(String[] args) throws Exception {
    try (LocalSupabase supabase = LocalSupabase.start()) {
      List<Buyer> buyers = new ArrayList<>();
      List<Buyer> direct = new ArrayList<>();
      OneSim viaGateway = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build();
      uz.onesim.client.postgrest.PostgrestClient straight = uz.onesim.client.postgrest.PostgrestClient.builder()
          .restUrl(supabase.postgrestUrl()).apiKey(supabase.publishableKey()).build();
      OneSim viaPostgrest = OneSim.builder().postgrest(straight).build();
      uz.onesim.client.postgrest.PostgrestClient gatewayRest = uz.onesim.client.postgrest.PostgrestClient.builder()
          .supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build();
      for (int i = 0; i < THREADS; i++) {
        PartnerAccount p = supabase.createPartner("Cost Partner " + i, "cost" + i + "@example.com", null, "active");
        UUID customer = (UUID) supabase.database().value(Identity.user(p.userId()),
            "insert into partner_customers (first_name, last_name, email) values ('C', 'P', ?) returning id", "c" + i + "@example.com");
        String jwt = supabase.userJwt(p.userId());
        buyers.add(new Buyer(viaGateway.asUser(jwt), customer, gatewayRest.withUserJwt(jwt)));
        direct.add(new Buyer(viaPostgrest.asUser(jwt), customer, straight.withUserJwt(jwt)));
      }
      // the yardstick: a trivial RPC (this benchmark's own, in its own database)
      supabase.database().executeScript("""
          create function public.bench_trivial() returns integer language sql stable as 'select 1';
          grant execute on function public.bench_trivial() to authenticated;
          notify pgrst, 'reload schema';
          """);
      awaitRpc(direct.get(0));
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        rounds(pool, buyers, "through the testkit's gateway");
        rounds(pool, direct, "straight to PostgREST");
        for (String whatIf : args) {
          supabase.database().executeScript(WhatIfScripts.load(whatIf));
          rounds(pool, direct, "straight to PostgREST after " + whatIf);
        }
      } finally {
        pool.shutdown();
      }

      if (args.length > 0) {
        System.out.println("(the one-thread purchase on a grown ledger is measured without what-if scripts only)");
        return;
      }
      Buyer one = buyers.get(0);
      long ledger = count(supabase, "select count(*) from partner_ledger");
      double small = medianLatencyMs(one, 100);
      // a year of business: other partners' ledger rows (each moves that partner's balance, as in production)
      // (written with triggers off: only the table's size matters here, and 250 000 balance updates take minutes)
      int perPartner = (int) Math.ceil((250_000 - ledger - 100) / (double) (count(supabase, "select count(*) from partners") - 1));
      supabase.database().executeScript("set session_replication_role = replica; "
          + "insert into partner_ledger (partner_id, kind, amount_usd, reference) select p.id, 'adjustment', 0.01, 'bench-' || g "
          + "from partners p cross join generate_series(1, " + perPartner + ") g where p.id <> '" + SampleData.GRAND_TRAVEL + "'; "
          + "set session_replication_role = origin;");
      try (var c = supabase.database().connect(); var st = c.createStatement()) {
        st.execute("vacuum analyze");
      }
      long bigLedger = count(supabase, "select count(*) from partner_ledger");
      double big = medianLatencyMs(one, 100);
      System.out.printf("one thread, median purchase: %.1f ms with %d ledger rows vs %.1f ms with %d: %.2fx%n", small, ledger + 100,
          big, bigLedger, big / small);
    }
  }

  /** Alternating rounds of purchases, trivial reads and trivial RPCs from 16 threads; prints rates, CPU and ratios. */
  static void rounds(ExecutorService pool, List<Buyer> who, String via) throws Exception {
    run(pool, PER_ROUND / 4, i -> buy(who.get(i % THREADS)));   // warm up
    run(pool, PER_ROUND / 4, i -> read(who.get(i % THREADS)));
    run(pool, PER_ROUND / 4, i -> trivialRpc(who.get(i % THREADS)));
    double[] purchases = new double[ROUNDS];
    double[] reads = new double[ROUNDS];
    double[] rpcs = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      var cpu0 = ProcessCpu.snapshot();
      purchases[r] = PER_ROUND / run(pool, PER_ROUND, i -> buy(who.get(i % THREADS)));
      var cpu1 = ProcessCpu.snapshot();
      reads[r] = PER_ROUND / run(pool, PER_ROUND, i -> read(who.get(i % THREADS)));
      var cpu2 = ProcessCpu.snapshot();
      rpcs[r] = PER_ROUND / run(pool, PER_ROUND, i -> trivialRpc(who.get(i % THREADS)));
      var cpu3 = ProcessCpu.snapshot();
      System.out.printf("%s, round %d: purchases %.1f/s, trivial reads %.1f/s, trivial RPCs %.1f/s%n", via, r + 1,
          purchases[r], reads[r], rpcs[r]);
      System.out.printf("    purchase %s%n    read     %s%n    RPC      %s%n", ProcessCpu.perCall(cpu0, cpu1, PER_ROUND),
          ProcessCpu.perCall(cpu1, cpu2, PER_ROUND), ProcessCpu.perCall(cpu2, cpu3, PER_ROUND));
    }
    double p = median(purchases);
    double t = median(reads);
    double c = median(rpcs);
    System.out.printf("16 threads %s: purchases %.1f/s vs trivial reads %.1f/s: %.0f %%; vs trivial RPCs %.1f/s: %.0f %%%n",
        via, p, t, 100 * p / t, c, 100 * p / c);
  }

  static Void buy(Buyer b) {
    b.session().orders().buyForCustomer(b.customer(), SampleData.TR_1GB, 1, CallOptions.none());
    return null;
  }

  static Void trivialRpc(Buyer b) {
    b.reader().rpc("bench_trivial", java.util.Map.of()).json();
    return null;
  }

  /** Waits until PostgREST's schema cache has the new function. */
  static void awaitRpc(Buyer b) throws InterruptedException {
    for (int i = 0; ; i++) {
      try {
        trivialRpc(b);
        return;
      } catch (RuntimeException notYet) {
        if (i == 100) {
          throw notYet;
        }
        Thread.sleep(100);
      }
    }
  }

  static Void read(Buyer b) {
    b.reader().from("fx_rates").select("uzs_per_usd").limit(1).json();
    return null;
  }

  /** Seconds for {@code n} calls spread over the pool's threads. */
  static double run(ExecutorService pool, int n, java.util.function.IntFunction<Void> call) throws Exception {
    long t0 = System.nanoTime();
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = i;
      all.add(pool.submit(() -> call.apply(k)));
    }
    for (Future<?> f : all) {
      f.get();
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  static double medianLatencyMs(Buyer b, int n) {
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      buy(b);
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    return median(ms);
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  static long count(LocalSupabase supabase, String sql) {
    return ((Number) supabase.database().value(Identity.superuser(), sql)).longValue();
  }
}
