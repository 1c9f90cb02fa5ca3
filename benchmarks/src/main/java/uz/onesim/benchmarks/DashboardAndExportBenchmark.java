package uz.onesim.benchmarks;

import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;

/**
 * The partner dashboard on 1 000 partners and 1 000 000 orders (generated in bulk with triggers
 * off, then the ledger totals computed in one statement): the plan (no sequential scan of orders)
 * and the time of the one-round-trip dashboard call, through the testkit's gateway and straight to
 * PostgREST; then an export of all 1 000 000 orders streamed through keyset pages (both ways) and
 * by {@code COPY} ({@link uz.onesim.backend.AccountingExport}), with the peak heap each needed.
 *
 * <pre>./mvnw -q -pl benchmarks -am compile exec:java -Dexec.mainClass=uz.onesim.benchmarks.DashboardAndExportBenchmark</pre>
 */
public final class DashboardAndExportBenchmark {
  private DashboardAndExportBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 1 && args[1].equals("--dashboard-only")) {
      EXPORT = false;
    }
    try (LocalSupabase supabase = LocalSupabase.start(false)) {
      long t0 = System.nanoTime();
      int partners = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
      supabase.database().executeScript(GENERATE.replace("generate_series(1, 1000) i;", "generate_series(1, " + partners + ") i;"));
      try (var c = supabase.database().connect(); var st = c.createStatement()) {
        st.execute("vacuum analyze");  // what autovacuum does for a live database: statistics and the visibility map
      }
      System.out.printf("Generated 1 000 partners, 10 000 customers, 1 000 000 orders and earnings in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      UUID partnerUser = (UUID) supabase.database().value(Identity.superuser(), "select user_id from partners order by company_name limit 1 offset "
          + (partners / 2));

      String plan = supabase.database().inTransaction(Identity.user(partnerUser), c -> {
        StringBuilder sb = new StringBuilder();
        for (int run = 1; run <= 3; run++) {
          try (var st = c.createStatement(); var rs = st.executeQuery(
              "explain (analyze, buffers off, costs off, summary on) select public.partner_dashboard()")) {
            while (rs.next()) {
              String line = rs.getString(1);
              if (line.contains("Execution Time")) {
                sb.append("partner_dashboard() in PostgreSQL, run ").append(run).append(": ").append(line.trim()).append('\n');
              }
            }
          }
        }
        try (var st = c.createStatement(); var rs = st.executeQuery(
            "explain (analyze, costs off) select * from public.v_partner_dashboard_stats where partner_id = private.current_partner_id()")) {
          while (rs.next()) {
            sb.append(rs.getString(1)).append('\n');
          }
        }
        return sb.toString();
      });
      System.out.println("Plan of the dashboard stats for one partner:");
      plan.lines().filter(l -> !l.contains("Execution Time") || true).forEach(l -> System.out.println("  " + l));
      System.out.println("Sequential scan of orders: " + (plan.contains("Seq Scan on orders") ? "YES" : "no"));

      String partnerJwt = supabase.userJwt(partnerUser);
      for (String via : List.of("gateway", "direct")) {
        PostgrestClient partner = client(supabase, via, supabase.anonKey()).withUserJwt(partnerJwt);
        for (int i = 0; i < 20; i++) {
          partner.rpc("partner_dashboard", java.util.Map.of("p_recent", 10)).get().json();
        }
        long[] ns = new long[50];
        for (int i = 0; i < ns.length; i++) {
          long s = System.nanoTime();
          partner.rpc("partner_dashboard", java.util.Map.of("p_recent", 10)).get().json();
          ns[i] = System.nanoTime() - s;
        }
        Arrays.sort(ns);
        System.out.printf("partner_dashboard over HTTP (one round trip), %-7s: median %.2f ms, p90 %.2f ms%n", via, ns[25] / 1e6, ns[45] / 1e6);
      }

      if (!EXPORT) {
        return;
      }
      List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
      for (String via : List.of("gateway", "direct")) {
        PostgrestClient service = client(supabase, via, supabase.serviceRoleKey());
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long baseline = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        AtomicLong rows = new AtomicLong();
        long e0 = System.nanoTime();
        Writer sink = Writer.nullWriter();
        // asks for 10 000-row pages; the server's max-rows (1 000, Supabase's default) decides
        service.from("orders").select("id,created_at,package_code,order_status,price_usd,discount_amount_usd")
            .stream(com.fasterxml.jackson.databind.JsonNode.class, "id", 10_000).forEach(n -> {
              try {
                sink.write(n.toString());
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              rows.incrementAndGet();
            });
        double secs = (System.nanoTime() - e0) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("Export of %,d orders by keyset pages (1 000 rows, the server's cap), %-7s: %.1f s (%,.0f rows/s); heap before %d MiB, pool peaks %d MiB (Xmx %d MiB)%n",
            rows.get(), via, secs, rows.get() / secs, baseline >> 20, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
      }
      // OneSIM's own accounting export: COPY over the backend's database connection
      System.gc();
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      long baseline = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
      CountingSink counted = new CountingSink();
      long c0 = System.nanoTime();
      long copied;
      try (java.sql.Connection c = supabase.database().connect()) {
        copied = uz.onesim.backend.AccountingExport.ordersCsv(c, java.time.Instant.parse("2000-01-01T00:00:00Z"),
            java.time.Instant.now().plusSeconds(3600), counted);
      }
      double secs = (System.nanoTime() - c0) / 1e9;
      long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      System.out.printf("Accounting export (AccountingExport, COPY, %d columns, oldest first) of %,d orders: %.1f s (%,.0f rows/s), %,d MiB of CSV; heap before %d MiB, pool peaks %d MiB (Xmx %d MiB)%n",
          uz.onesim.backend.AccountingExport.COLUMNS.size(), copied, secs, copied / secs, counted.bytes >> 20, baseline >> 20, peak >> 20,
          Runtime.getRuntime().maxMemory() >> 20);
    }
  }

  /** Through the testkit's gateway (as a client of a Supabase project goes) or straight to PostgREST. */
  private static PostgrestClient client(LocalSupabase supabase, String via, String key) {
    PostgrestClient.Builder b = PostgrestClient.builder().apiKey(key);
    return (via.equals("gateway") ? b.supabaseUrl(supabase.url()) : b.restUrl(supabase.postgrestUrl())).build();
  }

  /** Counts the bytes written and keeps none. */
  private static final class CountingSink extends java.io.OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }

  private static boolean EXPORT = true;

  private static final String GENERATE = """
      set session_replication_role = replica;  -- bulk load: skip triggers, compute the ledger below
      insert into auth.users (id, email)
        select gen_random_uuid(), 'partner' || i || '@bench.example' from generate_series(1, 1000) i;
      insert into public.profiles (id, first_name, last_name, user_type)
        select id, 'P', email, 'partner' from auth.users where email like '%@bench.example';
      insert into public.partners (user_id, company_name, business_email, custom_discount_rate, status)
        select id, 'Bench ' || lpad(split_part(split_part(email, '@', 1), 'r', 2), 4, '0'), email,
               case when random() < 0.2 then 10 end, 'active'
        from auth.users where email like '%@bench.example';
      insert into public.partner_customers (partner_id, first_name, last_name, email)
        select p.id, 'C', 'N' || i, 'c' || i || '@' || p.id || '.example' from public.partners p, generate_series(1, 10) i;
      insert into public.orders (id, user_id, source_type, partner_id, end_customer_id, end_customer_type, package_code,
                                 price_usd, price_uzs, discount_applicable, discount_rate, discount_amount_usd, discount_amount_uzs,
                                 partner_paid_usd, partner_paid_uzs, retail_price_override_usd, fx_rate_uzs, order_status, created_at)
        select gen_random_uuid(), p.user_id, 'b2b_partner', p.id, c.id, 'b2b_partner_customer', 'TR_1GB_7D',
               q.paid_usd, q.paid_uzs, true, p.effective_discount_rate, q.discount_usd, q.discount_uzs, q.paid_usd, q.paid_uzs,
               15.00, 12650, case when g % 10 = 0 then 'PENDING' else 'ALLOCATED' end,
               now() - make_interval(mins => g)
        from public.partners p
        cross join generate_series(1, 1000) g
        join lateral (select id from public.partner_customers pc where pc.partner_id = p.id order by id offset (g % 10) limit 1) c on true
        cross join lateral private.price_quote(15.00, p.effective_discount_rate, 12650) q;
      insert into public.partner_earnings (partner_id, order_id, retail_price_usd, discount_rate, discount_amount_usd, discount_amount_uzs,
                                           partner_paid_usd, partner_paid_uzs, fx_rate_uzs, status, completed_at)
        select o.partner_id, o.id, o.retail_price_override_usd, o.discount_rate, o.discount_amount_usd, o.discount_amount_uzs,
               o.partner_paid_usd, o.partner_paid_uzs, o.fx_rate_uzs,
               case when o.order_status = 'ALLOCATED' then 'completed' else 'pending' end,
               case when o.order_status = 'ALLOCATED' then o.created_at end
        from public.orders o where o.partner_id is not null;
      update public.partners p set total_orders = l.n, total_spent = l.spent, total_savings = l.saved, total_orders_value_retail = l.retail,
                                   total_customers = 10
        from (select partner_id, count(*) n, sum(partner_paid_usd) spent, sum(discount_amount_usd) saved, sum(retail_price_usd) retail
              from public.partner_earnings where status = 'completed' group by partner_id) l
        where l.partner_id = p.id;
      set session_replication_role = origin;
      """;
}
