package uz.onesim.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/**
 * Hostile values (NaN, ±Infinity, huge, negative, too many decimals, empty, 10 000 characters, NUL,
 * invalid UUIDs, dates and booleans) at every column an API role may change and at every parameter of
 * every API function, through the real PostgREST with real JWTs. The verdict is the same everywhere:
 * a typed 4xx refusal that changes nothing, or — where the value is legitimate — stored exactly as
 * sent. Never a 5xx, never a silent change. A column or function added later without coverage here
 * fails the test.
 */
@org.junit.jupiter.api.parallel.ResourceLock(LocalSupabaseExtension.SHARED_STACK)
class HostileInputTest {
  static final Identity OWNER = Identity.superuser();
  static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final String UUID_ZERO = "00000000-0000-4000-8000-000000000000";
  static LocalSupabase supabase;
  static LocalDatabase db;
  static Map<String, String> bearers;

  @BeforeAll
  static void start() {
    supabase = LocalSupabaseExtension.freshShared();
    db = supabase.database();
    bearers = new LinkedHashMap<>();
    bearers.put("partner", supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
    bearers.put("customer", supabase.userJwt(SampleData.CUSTOMER_USER));
    bearers.put("admin", supabase.userJwt(SampleData.ADMIN_USER));
    bearers.put("service", null);
    seedOneRowOfEveryTable();
  }

  /** The sample data has no orders, payments or catalogue-sync rows; every updatable column needs a row to aim at. */
  static void seedOneRowOfEveryTable() {
    Http.Resp partnerOrder = send("partner", "POST", "/rest/v1/orders", "{\"source_type\":\"b2b_partner\",\"end_customer_id\":\""
        + SampleData.AZIZA + "\",\"package_code\":\"" + SampleData.TR_1GB + "\"}");
    assertThat(partnerOrder.status()).as(partnerOrder.body()).isEqualTo(201);
    Http.Resp shopOrder = send("customer", "POST", "/rest/v1/orders", "{\"package_code\":\"" + SampleData.TR_1GB + "\"}");
    assertThat(shopOrder.status()).as(shopOrder.body()).isEqualTo(201);
    db.executeScript("""
        insert into margin_overrides (scope, scope_value, margin_percent) values ('country', 'TR', 40.00);
        insert into package_costs (package_code, wholesale_price_usd) values ('%1$s', 7.5000);
        insert into price_sync_log (status, packages_seen) values ('succeeded', 1);
        insert into package_price_changes (package_code, old_price_usd, new_price_usd, sync_id)
          select '%1$s', 14.00, 15.00, max(id) from price_sync_log;
        insert into after_sale_requests (order_id, partner_id, kind)
          select id, partner_id, 'resend' from orders where partner_id is not null limit 1;
        insert into payments (provider, reference, amount, currency, order_ids)
          select 'payme', 'seed-1', price_usd, 'USD', array[id] from orders where source_type = 'b2c' limit 1;
        insert into provider_events (notify_id, notify_type, payload) values ('seed-1', 'DATA_USAGE', '{"content": {}}');
        insert into esim_alerts (order_id, partner_id, user_id, kind, ref)
          select id, partner_id, user_id, 'usage_low', '80' from orders where partner_id is not null limit 1;
        insert into topups (order_id, partner_id, user_id, package_code, retail_usd, discount_rate, discount_usd, paid_usd)
          select id, partner_id, user_id, 'TR_TOPUP_1GB', 6.00, 5.00, 0.30, 5.70 from orders where partner_id is not null limit 1;
        """.formatted(SampleData.TR_1GB));
  }

  static Http.Resp send(String role, String method, String path, String body) {
    String bearer = bearers.get(role);
    String key = bearer == null ? supabase.serviceRoleKey() : supabase.anonKey();
    return Http.send(supabase.url(), method, path, key, bearer, body, "Prefer", "return=representation");
  }

  /** The hostile values for a column or parameter of {@code type} (information_schema's data_type). */
  static List<JsonNode> hostile(String type) {
    List<JsonNode> v = new ArrayList<>();
    switch (type) {
      case "numeric" -> {
        v.add(F.textNode("NaN"));
        v.add(F.textNode("Infinity"));
        v.add(F.textNode("-Infinity"));
        v.add(F.numberNode(new BigDecimal("1e30")));
        v.add(F.numberNode(new BigDecimal("-1")));
        v.add(F.numberNode(new BigDecimal("1.000000001")));
        v.add(F.textNode("abc"));
        v.add(F.textNode(""));
      }
      case "integer", "bigint", "smallint" -> {
        v.add(F.numberNode(new BigDecimal("1e15")));
        v.add(F.numberNode(-1));
        v.add(F.numberNode(new BigDecimal("1.5")));
        v.add(F.textNode("abc"));
      }
      case "character varying", "text" -> {
        v.add(F.textNode(""));
        v.add(F.textNode("x".repeat(10_000)));
        v.add(F.textNode("nul\u0000byte"));
      }
      case "uuid" -> {
        v.add(F.textNode("not-a-uuid"));
        v.add(F.textNode(""));
        v.add(F.textNode("00000000-0000-4000-8000-0000000000ff"));
      }
      case "boolean" -> {
        v.add(F.textNode("maybe"));
        v.add(F.numberNode(2));
      }
      case "timestamp with time zone", "date", "interval" -> {
        v.add(F.textNode("not a time"));
        v.add(F.textNode(""));
      }
      case "jsonb", "ARRAY" -> {
        v.add(F.textNode("not an object"));
        v.add(F.numberNode(new BigDecimal("1e30")));
      }
      default -> throw new AssertionError("no hostile values for type " + type);
    }
    return v;
  }

  static String fingerprint(String table) {
    return String.valueOf(db.value(OWNER,
        "select count(*) || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') from public." + table + " x"));
  }

  /** Every table's fingerprint, in one query. */
  static String everything() {
    if (everythingSql == null) {
      List<String> parts = new ArrayList<>();
      db.query(OWNER, "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1")
          .forEach(t -> parts.add("select '" + t.get("table_name") + "' || count(*) || md5(coalesce(string_agg(x::text, '|' order by x::text), '')) "
              + "from public." + t.get("table_name") + " x"));
      everythingSql = "select string_agg(f, ';') from (" + String.join(" union all ", parts) + ") s(f)";
    }
    return String.valueOf(db.value(OWNER, everythingSql));
  }

  static String everythingSql;

  /** The roles a column decision lets change a column (update; insert-only decisions are covered by the RPCs). */
  static List<String> writers(String decision) {
    return switch (decision) {
      case "client" -> List.of("partner", "customer", "admin", "service");
      case "admin" -> List.of("admin", "service");
      case "backend" -> List.of("service");
      default -> List.of();
    };
  }

  @Test
  void everyUpdatableColumnRefusesHostileValuesOrStoresThemExactly() {
    List<Map<String, Object>> columns = db.query(OWNER, """
        select d.table_name, d.column_name, d.decision, c.data_type
        from private.column_decisions d
        join information_schema.columns c on c.table_schema = 'public' and c.table_name = d.table_name and c.column_name = d.column_name
        where d.decision in ('client', 'admin', 'backend')
        order by 1, 2""");
    assertThat(columns).as("updatable columns").hasSizeGreaterThan(40);
    Set<String> covered = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    int attempts = 0;
    // the row each role aims at in each table: every accepted write is undone at once, so it stays the same
    Map<String, String> pks = new java.util.HashMap<>();
    Map<String, java.util.Optional<String>> targets = new java.util.HashMap<>();
    for (Map<String, Object> col : columns) {
      String table = (String) col.get("table_name");
      String column = (String) col.get("column_name");
      String type = (String) col.get("data_type");
      for (String role : writers((String) col.get("decision"))) {
        String pk = pks.computeIfAbsent(table, HostileInputTest::primaryKey);
        java.util.Optional<String> target = targets.computeIfAbsent(table + " " + role, k -> {
          Http.Resp visible = send(role, "GET", "/rest/v1/" + table + "?select=" + pk + "&limit=1&order=" + pk, null);
          return visible.status() != 200 || visible.rows().isEmpty()
              ? java.util.Optional.empty() : java.util.Optional.of(visible.rows().get(0).path(pk).asText());
        });
        if (target.isEmpty()) {
          continue;
        }
        String id = target.get();
        String where = " where " + pk + "::text = ?";
        Object original = db.value(OWNER, "select " + column + "::text from public." + table + where, id);
        // the table as it is before each attempt: read once, then again only after an attempt that
        // may have moved it (a refusal leaves it as it was, or is reported)
        String before = fingerprint(table);
        for (JsonNode value : hostile(type)) {
          attempts++;
          ObjectNode body = F.objectNode().set(column, value);
          Http.Resp r = send(role, "PATCH", "/rest/v1/" + table + "?" + pk + "=eq." + id, body.toString());
          String what = role + " PATCH " + table + "." + column + " = " + abbreviate(value) + " -> " + r.status() + " " + abbreviate(r.body());
          if (r.status() >= 500) {
            problems.add("server error: " + what);
            before = fingerprint(table);
          } else if (r.status() >= 400) {
            if (r.code() == null || r.code().isBlank()) {
              problems.add("untyped refusal: " + what);
            }
            String after = fingerprint(table);
            if (!after.equals(before)) {
              problems.add("refused but changed: " + what);
            }
            before = after;
          } else if (!r.rows().isEmpty()) {
            Object stored = db.value(OWNER, "select " + column + "::text from public." + table + where, id);
            if (!storedAsSent(value, (String) stored, type)) {
              problems.add("accepted but stored as " + abbreviate(String.valueOf(stored)) + ": " + what);
            }
            db.update(OWNER, "update public." + table + " set " + column + " = ?::" + castFor(type) + where, original, id);
            before = fingerprint(table);
          } else {
            String after = fingerprint(table);
            if (!after.equals(before)) {
              problems.add("no row returned but changed: " + what);
            }
            before = after;
          }
        }
        covered.add(table + "." + column);
      }
    }
    System.out.printf("hostile column writes: %d attempts over %d columns%n", attempts, covered.size());
    assertThat(problems).as("hostile writes").isEmpty();
    Set<String> uncovered = new TreeSet<>();
    columns.forEach(c -> uncovered.add(c.get("table_name") + "." + c.get("column_name")));
    uncovered.removeAll(covered);
    assertThat(uncovered).as("updatable columns no role could reach (add a visible row for them)").isEmpty();
  }

  static String primaryKey(String table) {
    return (String) db.value(OWNER, """
        select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
        where i.indrelid = ('public.' || ?)::regclass and i.indisprimary""", table);
  }

  static boolean storedAsSent(JsonNode sent, String stored, String type) {
    if (stored == null) {
      return false;
    }
    if (type.equals("jsonb")) {
      try {
        return Http.JSON.readTree(stored).equals(sent);
      } catch (java.io.IOException e) {
        return false;
      }
    }
    if (sent.isNumber()) {
      try {
        return new BigDecimal(stored).compareTo(sent.decimalValue()) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return sent.asText().equals(stored);
  }

  static String castFor(String type) {
    return switch (type) {
      case "character varying" -> "text";
      case "ARRAY" -> "text[]";
      default -> type;
    };
  }

  static String abbreviate(Object o) {
    String s = String.valueOf(o);
    return s.length() > 80 ? s.substring(0, 40) + "…(" + s.length() + " chars)" : s;
  }

  /** Valid arguments for each API function and the role that calls it; hostile values replace one at a time. */
  static Map<String, Map.Entry<String, ObjectNode>> validCalls() {
    Map<String, Map.Entry<String, ObjectNode>> calls = new LinkedHashMap<>();
    String partnerOrder = String.valueOf(db.value(OWNER,
        "select id from orders where partner_id = ? order by created_at limit 1", SampleData.GRAND_TRAVEL));
    calls.put("place_partner_orders", Map.entry("partner", args("p_package_code", SampleData.TR_1GB,
        "p_customer_ids", F.arrayNode().add(SampleData.AZIZA.toString()), "p_quantity", 1)));
    calls.put("place_partner_order", Map.entry("partner", args("p_customer_id", SampleData.AZIZA.toString(),
        "p_package_code", SampleData.TR_1GB, "p_quantity", 1)));
    calls.put("log_sell_price", Map.entry("partner", args("p_order_id", partnerOrder, "p_sell_price", new BigDecimal("20.00"), "p_currency", "USD")));
    calls.put("partner_dashboard", Map.entry("partner", args("p_recent", 5)));
    calls.put("save_partner_customer", Map.entry("partner", args("p_first_name", "Dilnoza", "p_last_name", "Rahimova",
        "p_email", "dilnoza@example.com", "p_phone", "+998901234567")));
    calls.put("save_partner_customers", Map.entry("partner", args("p_rows", F.arrayNode().add(
        args("first_name", "Ulugbek", "last_name", "Nazarov", "email", "ulugbek@example.com")))));
    calls.put("claim_pending_orders", Map.entry("service", args("p_worker", "hostile-test", "p_limit", 1, "p_lease_seconds", 60)));
    calls.put("claim_processing_orders", Map.entry("service", args("p_worker", "hostile-test", "p_limit", 1, "p_lease_seconds", 60)));
    calls.put("release_order_leases", Map.entry("service", args("p_worker", "hostile-test", "p_order_ids",
        F.arrayNode().add(partnerOrder))));
    calls.put("backend_health", Map.entry("service", F.objectNode()));
    calls.put("resolve_topup", Map.entry("service", args("p_topup_id", java.util.UUID.randomUUID().toString(), "p_applied", true,
        "p_note", "checked the console")));
    calls.put("take_provider_slot", Map.entry("service", args("p_per_second", 1000)));
    calls.put("start_order_batch", Map.entry("service", args("p_worker", "hostile-test", "p_order_ids",
        F.arrayNode().add(partnerOrder), "p_transaction_id", "hostile-txn")));
    calls.put("complete_allocation", Map.entry("service", args("p_esim_order_no", "B00000000000000", "p_profiles", F.arrayNode())));
    calls.put("record_delivery", Map.entry("service", args("p_results", F.arrayNode())));
    calls.put("apply_as_partner", Map.entry("customer", args("p_company_name", "Samarkand Tours", "p_business_email", "apply@example.com")));
    calls.put("review_partner", Map.entry("admin", args("p_partner_id", SampleData.SILK_ROAD.toString(), "p_to_status", "active")));
    calls.put("price_inputs", Map.entry("partner", args("p_package_code", SampleData.TR_1GB)));
    calls.put("catalog_locations", Map.entry("customer", args()));
    calls.put("catalog_packages", Map.entry("customer", args("p_location_code", "TR", "p_limit", 10, "p_offset", 0)));
    calls.put("confirm_payment", Map.entry("service", args("p_order_ids", F.arrayNode().add(partnerOrder), "p_provider", "payme",
        "p_reference", "hostile-ref", "p_amount", new BigDecimal("15.00"), "p_currency", "USD")));
    calls.put("record_refund", Map.entry("service", args("p_provider", "payme", "p_reference", "hostile-ref", "p_refund_reference", "r-1")));
    calls.put("expire_unpaid_orders", Map.entry("service", args("p_older_than", "1 day")));
    calls.put("partner_account_entry", Map.entry("admin", args("p_partner_id", SampleData.GRAND_TRAVEL.toString(), "p_kind", "adjustment",
        "p_amount", new BigDecimal("1.00"), "p_reference", "hostile", "p_reason", "hostile input test")));
    calls.put("partner_statement", Map.entry("partner", args("p_month", "2026-11-01")));
    calls.put("partner_credentials_list", Map.entry("partner", args()));
    calls.put("create_webhook_endpoint", Map.entry("partner", args("p_url", "https://hooks.grandtravel.example/onesim",
        "p_events", F.arrayNode().add("order.allocated"))));
    calls.put("rotate_webhook_secret", Map.entry("partner", args("p_endpoint_id", UUID_ZERO, "p_overlap_seconds", 60)));
    calls.put("disable_webhook_endpoint", Map.entry("partner", args("p_endpoint_id", UUID_ZERO)));
    calls.put("replay_webhook_delivery", Map.entry("partner", args("p_delivery_id", UUID_ZERO)));
    calls.put("request_after_sale", Map.entry("partner", args("p_order_id", partnerOrder, "p_kind", "resend", "p_reason", "lost")));
    calls.put("note_batch_refusal", Map.entry("service", args("p_transaction_id", "txn-hostile", "p_reason", "999999",
        "p_counted", true)));
    calls.put("resolve_order_review", Map.entry("service", args("p_transaction_id", "txn-hostile", "p_note", "console")));
    calls.put("start_topup", Map.entry("service", args("p_topup_id", UUID_ZERO, "p_worker", "w", "p_hold_seconds", 60,
        "p_identifier", "iccid", "p_volume_before", 1073741824L)));
    calls.put("claim_after_sale_requests", Map.entry("service", args("p_worker", "w", "p_limit", 1, "p_lease_seconds", 60)));
    calls.put("complete_after_sale_request", Map.entry("service", args("p_request_id", UUID_ZERO, "p_worker", "w", "p_status", "done",
        "p_outcome", "ok")));
    calls.put("receive_provider_event", Map.entry("service", args("p_notify_id", "hostile-1", "p_notify_type", "DATA_USAGE",
        "p_payload", F.objectNode().set("content", F.objectNode()))));
    calls.put("claim_provider_events", Map.entry("service", args("p_worker", "hostile-test", "p_limit", 1, "p_lease_seconds", 60)));
    calls.put("finish_provider_events", Map.entry("service", args("p_results", F.arrayNode())));
    calls.put("apply_esim_states", Map.entry("service", args("p_states", F.arrayNode(), "p_event_ids", F.arrayNode(),
        "p_usage_percents", F.arrayNode().add(80), "p_expiry_warning_hours", 24)));
    calls.put("esims_due_for_usage", Map.entry("service", args("p_limit", 10, "p_min_age_seconds", 60)));
    calls.put("claim_esim_notices", Map.entry("service", args("p_worker", "hostile-test", "p_limit", 1, "p_lease_seconds", 60)));
    calls.put("record_notice_outcomes", Map.entry("service", args("p_results", F.arrayNode())));
    calls.put("set_notices_opt_out", Map.entry("customer", args("p_opt_out", false)));
    calls.put("topup_options", Map.entry("partner", args("p_order_id", partnerOrder)));
    calls.put("buy_topup", Map.entry("partner", args("p_order_id", partnerOrder, "p_package_code", "TR_TOPUP_1GB",
        "p_idempotency_key", "hostile-topup")));
    calls.put("confirm_topup_payment", Map.entry("service", args("p_topup_id", UUID_ZERO, "p_reference", "pay-1",
        "p_amount_usd", new BigDecimal("6.00"))));
    calls.put("claim_topups", Map.entry("service", args("p_worker", "hostile-test", "p_limit", 1, "p_lease_seconds", 60)));
    calls.put("complete_topup", Map.entry("service", args("p_topup_id", UUID_ZERO, "p_outcome", "retry")));
    calls.put("claim_webhook_deliveries", Map.entry("service", args("p_worker", "hostile-test", "p_limit", 1, "p_lease_seconds", 60,
        "p_per_endpoint", 5)));
    calls.put("record_webhook_attempts", Map.entry("service", args("p_worker", "hostile-test", "p_attempts",
        F.arrayNode().add(F.objectNode().put("delivery_id", SampleData.SILK_ROAD_DELIVERY.toString()).put("status_code", 200)))));
    calls.put("record_webhook_attempt", Map.entry("service", args("p_worker", "hostile-test", "p_delivery_id", SampleData.SILK_ROAD_DELIVERY.toString(),
        "p_status_code", 200, "p_error", "none", "p_duration_ms", 5)));
    return calls;
  }

  static ObjectNode args(Object... kv) {
    ObjectNode o = F.objectNode();
    for (int i = 0; i < kv.length; i += 2) {
      Object v = kv[i + 1];
      if (v instanceof JsonNode n) {
        o.set((String) kv[i], n);
      } else if (v instanceof BigDecimal d) {
        o.put((String) kv[i], d);
      } else if (v instanceof Integer n) {
        o.put((String) kv[i], n);
      } else if (v instanceof Boolean b) {
        o.put((String) kv[i], b);
      } else {
        o.put((String) kv[i], String.valueOf(v));
      }
    }
    return o;
  }

  @Test
  void everyApiFunctionRefusesHostileArgumentsWithATypedErrorAndChangesNothing() {
    List<Map<String, Object>> params = db.query(OWNER, """
        select r.routine_name as fn, ip.parameter_name as name, ip.data_type
        from information_schema.routines r
        join information_schema.parameters ip on ip.specific_schema = r.specific_schema and ip.specific_name = r.specific_name
        where r.routine_schema = 'public' and ip.parameter_mode = 'IN'
        order by 1, ip.ordinal_position""");
    Set<String> functions = new TreeSet<>();
    db.query(OWNER, "select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace and n.nspname = 'public' where p.prokind = 'f'")
        .forEach(r -> functions.add((String) r.get("proname")));
    Map<String, Map.Entry<String, ObjectNode>> calls = validCalls();
    assertThat(calls.keySet()).as("a valid call for every API function").containsExactlyInAnyOrderElementsOf(functions);

    List<String> problems = new ArrayList<>();
    Set<String> acceptedHostile = new LinkedHashSet<>();
    int attempts = 0;
    Random random = new Random(20261123L);
    // the database as it is before each call: read again only after a call that may have moved it
    // (a refusal leaves everything as it was, or is reported)
    String before = everything();
    for (Map<String, Object> p : params) {
      String fn = (String) p.get("fn");
      String param = (String) p.get("name");
      String type = (String) p.get("data_type");
      Map.Entry<String, ObjectNode> call = calls.get(fn);
      List<JsonNode> values = hostile(type);
      java.util.Collections.shuffle(values, random);
      for (JsonNode value : values) {
        attempts++;
        ObjectNode body = call.getValue().deepCopy();
        body.set(param, value);
        Http.Resp r = send(call.getKey(), "POST", "/rest/v1/rpc/" + fn, body.toString());
        String what = call.getKey() + " " + fn + "(" + param + " = " + abbreviate(value) + ") -> " + r.status() + " " + abbreviate(r.body());
        if (r.status() >= 500) {
          problems.add("server error: " + what);
          before = everything();
        } else if (r.status() >= 400) {
          if (r.code() == null || r.code().isBlank()) {
            problems.add("untyped refusal: " + what);
          }
          String after = everything();
          if (!after.equals(before)) {
            problems.add("refused but changed: " + what);
          }
          before = after;
        } else {
          acceptedHostile.add(fn + "." + param + " = " + abbreviate(value));
          before = everything();
        }
      }
    }
    System.out.printf("hostile RPC calls: %d attempts over %d parameters of %d functions; accepted as legitimate: %s%n",
        attempts, params.size(), functions.size(), acceptedHostile);
    assertThat(problems).as("hostile RPC arguments").isEmpty();
    assertThat(acceptedHostile).as("no NaN, infinity or malformed number is ever accepted")
        .noneMatch(s -> s.endsWith("= NaN") || s.endsWith("Infinity") || s.endsWith("= abc"));
  }
}
