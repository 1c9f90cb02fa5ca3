package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.SampleData;

/**
 * The hot paths never scan a table that grows with the business (issue 29): with a year's worth of
 * orders, earnings and ledger rows of 201 partners and 20 100 webhook events seeded, a purchase, a top-up, the
 * dashboard, a statement, the fulfilment claim, the health check and the webhook claims and record run as their roles,
 * and PostgreSQL's own counters
 * ({@code pg_stat_user_tables.seq_scan}) show no sequential scan of those tables.
 */
class NoGrowingScansTest {
  /**
   * Seeded large here: the business's history, and the partner webhooks' (every event and delivery
   * is kept). The work queues (topups, esim_alerts, provider_events) are small, so a scan of them is
   * the planner's right choice.
   */
  static final List<String> GROWING = List.of("orders", "partner_ledger", "partner_earnings", "webhook_events", "webhook_deliveries",
      "partner_customers", "order_action_logs");
  static final String ENDPOINT = "e0000000-0000-4000-8000-0000000000e1";

  /** 200 other partners with 100 customers, orders, audit, earnings and ledger rows each, and Grand Travel with 100 orders: a business's history. */
  static final String SEED = """
      set session_replication_role = replica;
      insert into auth.users (id, email)
        select gen_random_uuid(), 'scan-partner-' || i || '@bench.example' from generate_series(1, 200) i;
      insert into public.profiles (id, first_name, last_name, user_type)
        select id, 'P', email, 'partner' from auth.users where email like 'scan-partner-%';
      insert into public.partners (user_id, company_name, business_email, status)
        select id, 'Scan ' || email, email, 'active' from auth.users where email like 'scan-partner-%';
      insert into public.orders (id, user_id, source_type, partner_id, end_customer_id, end_customer_type, package_code,
                                 price_usd, price_uzs, discount_applicable, discount_rate, discount_amount_usd, discount_amount_uzs,
                                 partner_paid_usd, partner_paid_uzs, retail_price_override_usd, fx_rate_uzs, order_status,
                                 payment_status, created_at)
        select gen_random_uuid(), p.user_id, 'b2b_partner', p.id, 'c0000000-0000-4000-8000-000000000001', 'b2b_partner_customer',
               'TR_1GB_7D', 14.25, 180263, true, 5, 0.75, 9487, 14.25, 180263, 15.00, 12650, 'ALLOCATED', 'paid',
               now() - make_interval(days => g)
        from public.partners p cross join generate_series(1, 100) g
        where p.company_name like 'Scan %' or p.id = 'a0000000-0000-4000-8000-000000000001';
      insert into public.partner_ledger (partner_id, kind, amount_usd, order_id, created_at)
        select o.partner_id, 'purchase', -o.price_usd, o.id, o.created_at from public.orders o where o.partner_id is not null;
      insert into public.order_action_logs (order_id, action, from_status, to_status, created_at)
        select o.id, 'created', null, 'PENDING', o.created_at from public.orders o;
      insert into public.partner_customers (partner_id, first_name, last_name, email)
        select p.id, 'C' || g, 'Scan', 'c' || g || '.' || p.id || '@bench.example'
        from public.partners p cross join generate_series(1, 100) g where p.company_name like 'Scan %';
      insert into public.partner_ledger (partner_id, kind, amount_usd, reference, created_at)
        select p.id, 'funding', 300000.00, 'seed', now() - interval '200 days' from public.partners p;
      insert into public.partner_earnings (partner_id, order_id, retail_price_usd, discount_rate, discount_amount_usd, discount_amount_uzs,
                                           partner_paid_usd, partner_paid_uzs, fx_rate_uzs, status, completed_at)
        select o.partner_id, o.id, 15.00, 5, 0.75, 9487, 14.25, 180263, 12650, 'completed', o.created_at
        from public.orders o where o.partner_id is not null;
      update public.partners p set balance_usd = (select sum(amount_usd) from public.partner_ledger l where l.partner_id = p.id);
      insert into public.webhook_endpoints (id, partner_id, url, events)
        values ('e0000000-0000-4000-8000-0000000000e1', 'a0000000-0000-4000-8000-000000000001', 'https://hooks.example/grand',
                array['order.allocated']);
      insert into public.webhook_events (partner_id, type, payload, created_at)
        select 'a0000000-0000-4000-8000-000000000001', 'order.allocated',
               jsonb_build_object('type', 'order.allocated', 'data', jsonb_build_object('order_id', 'order-' || g)),
               now() - make_interval(mins => g - 10)
        from generate_series(1, 20100) g;
      insert into public.webhook_deliveries (event_id, endpoint_id, partner_id, status, attempts, delivered_at, next_attempt_at, created_at)
        select e.id, 'e0000000-0000-4000-8000-0000000000e1', e.partner_id,
               case when e.created_at < now() then 'delivered' else 'pending' end, case when e.created_at < now() then 1 else 0 end,
               case when e.created_at < now() then e.created_at end, least(e.created_at, now()), e.created_at
        from public.webhook_events e;
      set session_replication_role = origin;
      analyze;
      """;

  @Test
  void purchaseTopUpDashboardStatementClaimAndHealthScanNoGrowingTable() throws SQLException {
    LocalDatabase db = LocalPostgres.shared().freshDatabase(true);
    db.executeScript(SEED);
    UUID allocated = (UUID) db.value(Identity.superuser(), "select id from orders where partner_id = ? order by created_at desc limit 1",
        SampleData.GRAND_TRAVEL);
    db.update(Identity.superuser(), "update orders set esim_tran_no = 'T-SCAN-1', iccid = '8990000000000000999' where id = ?", allocated);
    try (Connection c = db.connect()) {
      c.setAutoCommit(true);
      exec(c, "set stats_fetch_consistency = none");
      String partner = "{\"sub\":\"" + SampleData.GRAND_TRAVEL_USER + "\",\"role\":\"authenticated\"}";
      String service = "{\"role\":\"service_role\"}";
      Map<String, String[]> steps = new LinkedHashMap<>();
      steps.put("purchase", new String[] {"authenticated", partner, "select * from place_partner_order('" + SampleData.AZIZA + "', 'TR_1GB_7D')"});
      steps.put("group purchase", new String[] {"authenticated", partner,
          "select * from place_partner_orders('TR_1GB_7D', null, '" + SampleData.ANTALYA_GROUP + "', 1)"});
      steps.put("top-up", new String[] {"authenticated", partner, "select * from buy_topup('" + allocated + "', 'TR_TOPUP_1GB')"});
      steps.put("top-up options", new String[] {"authenticated", partner, "select * from topup_options('" + allocated + "')"});
      steps.put("dashboard", new String[] {"authenticated", partner, "select partner_dashboard(p_recent => 5)"});
      steps.put("statement", new String[] {"authenticated", partner, "select partner_statement(current_date)"});
      steps.put("fulfilment claim", new String[] {"service_role", service, "select id from claim_pending_orders('scan-test', 50, 60)"});
      steps.put("reconcile claim", new String[] {"service_role", service, "select id from claim_processing_orders('scan-test', 900, 60)"});
      steps.put("health", new String[] {"service_role", service, "select backend_health()"});
      steps.put("webhook claim", new String[] {"service_role", service, "select count(*) from claim_webhook_deliveries('scan-test', 50, 60, 4)"});
      steps.put("webhook next batch", new String[] {"service_role", service,
          "select count(*) from claim_webhook_deliveries('scan-test', 50, 60, 4, '" + ENDPOINT + "')"});
      steps.put("webhook record", new String[] {"service_role", service, "select record_webhook_attempts('scan-test', (select "
          + "jsonb_agg(jsonb_build_object('delivery_id', d.id, 'status_code', 200)) from webhook_deliveries d where d.endpoint_id = '"
          + ENDPOINT + "' and d.status = 'pending' and d.lease_until > now()))"});
      Map<String, Map<String, Long>> scanned = new LinkedHashMap<>();
      for (Map.Entry<String, String[]> step : steps.entrySet()) {
        Map<String, Long> before = seqScans(c);
        asRole(c, step.getValue()[0], step.getValue()[1], step.getValue()[2]);
        exec(c, "select pg_stat_force_next_flush()");
        Map<String, Long> after = seqScans(c);
        after.forEach((t, n) -> {
          if (n > before.getOrDefault(t, 0L)) {
            scanned.computeIfAbsent(step.getKey(), k -> new LinkedHashMap<>()).put(t, n - before.getOrDefault(t, 0L));
          }
        });
      }
      assertThat(scanned).as("sequential scans of tables that grow with the business, per hot path, with 20 100 orders of 201 partners seeded")
          .isEmpty();
    }
    assertThat((Long) db.value(Identity.superuser(), "select count(*) from orders")).as("the hot paths really ran").isGreaterThan(20_100L);
    assertThat(db.value(Identity.superuser(), "select count(*) from topups")).isEqualTo(1L);
    assertThat(db.value(Identity.superuser(), "select count(*) || ' attempts, ' || count(distinct a.delivery_id) || ' delivered' "
        + "from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id and d.status = 'delivered' where d.endpoint_id = ?::uuid",
        ENDPOINT)).as("the webhook claims (4 + 4) and record really ran").isEqualTo("8 attempts, 8 delivered");
  }

  static void asRole(Connection c, String role, String claims, String sql) throws SQLException {
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement("select set_config('role', ?, true), set_config('request.jwt.claims', ?, true)")) {
      ps.setString(1, role);
      ps.setString(2, claims);
      ps.execute();
    }
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
    c.commit();
    c.setAutoCommit(true);
  }

  static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static Map<String, Long> seqScans(Connection c) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select relname, seq_scan from pg_stat_user_tables where schemaname = 'public' and relname in ('"
             + String.join("','", GROWING) + "')")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }
}
