package uz.onesim.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.PartnerAccount;
import uz.onesim.testkit.SampleData;

/**
 * Row Level Security through the real PostgREST with real JWTs: anon, customers A and B, partners A
 * and B, a suspended partner, an admin and the service key, against every table, view and RPC in
 * public. Reads assert exact ids; forbidden writes assert PostgREST's status and code and that the
 * database is unchanged (checked over an owner connection). The matrix is printed at the end.
 */
@org.junit.jupiter.api.parallel.ResourceLock(LocalSupabaseExtension.SHARED_STACK)
class HttpRlsMatrixTest {
  static LocalSupabase supabase;
  static LocalDatabase db;
  static final Map<String, String> matrix = new TreeMap<>();
  static final Map<String, String> tokens = new LinkedHashMap<>();
  static UUID customerB;
  static PartnerAccount suspended;
  static UUID suspendedCustomer;
  static String orderA;
  static String orderB;
  static final List<String> grandOrders = new ArrayList<>();
  static final List<String> silkOrders = new ArrayList<>();
  static PartnerAccount applicant;
  static PartnerAccount rejected;
  static UUID integrationCredential;
  static UUID revokedCredential;

  static final List<String> OBJECTS = List.of("profiles", "esim_packages", "orders", "order_action_logs", "fx_rates", "partners",
      "partner_customers", "customer_groups", "customer_group_members", "partner_earnings", "v_orders_complete",
      "v_partner_dashboard_stats");

  @BeforeAll
  static void fixture() {
    supabase = LocalSupabaseExtension.freshShared();
    db = supabase.database();
    customerB = supabase.createUser("bekzod@example.com", "customer");
    suspended = supabase.createPartner("Sleepy Tours", "sleepy@example.com", null, "active");
    suspendedCustomer = (UUID) db.value(Identity.user(suspended.userId()),
        "insert into partner_customers (first_name, last_name, email) values ('Sam', 'Sleep', 'sam@example.com') returning id");
    tokens.put("anon", null);
    tokens.put("customer A", supabase.userJwt(SampleData.CUSTOMER_USER));
    tokens.put("customer B", supabase.userJwt(customerB));
    tokens.put("partner A", supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
    tokens.put("partner B", supabase.userJwt(SampleData.SILK_ROAD_USER));
    tokens.put("suspended partner", supabase.userJwt(suspended.userId()));
    tokens.put("admin", supabase.userJwt(SampleData.ADMIN_USER));
    tokens.put("service", null);
    applicant = supabase.createPartner("Hopeful Travel", "hopeful@example.com", null, "pending_approval");
    rejected = supabase.createPartner("Refused Tours", "refused@example.com", null, "rejected");
    tokens.put("applicant", supabase.userJwt(applicant.userId()));
    tokens.put("rejected partner", supabase.userJwt(rejected.userId()));
    integrationCredential = integrationUser("integration user of A", SampleData.GRAND_TRAVEL, false);
    revokedCredential = integrationUser("revoked integration user of A", SampleData.GRAND_TRAVEL, true);

    orderA = post("customer A", "/orders", "{\"source_type\":\"b2c\",\"user_id\":\"" + SampleData.CUSTOMER_USER + "\",\"package_code\":\"TR_1GB_7D\"}",
        "Prefer", "return=representation").json().get(0).path("id").asText();
    orderB = post("customer B", "/orders", "{\"source_type\":\"b2c\",\"user_id\":\"" + customerB + "\",\"package_code\":\"TR_3GB_15D\"}",
        "Prefer", "return=representation").json().get(0).path("id").asText();
    for (String status : List.of("PENDING", "PROCESSING", "ALLOCATED", "FAILED", "CANCELLED")) {
      String id = rpc("partner A", "place_partner_order", "{\"p_customer_id\":\"" + SampleData.AZIZA + "\",\"p_package_code\":\"TR_1GB_7D\"}")
          .json().get(0).path("id").asText();
      List<String> path = switch (status) {
        case "PROCESSING" -> List.of("PROCESSING");
        case "ALLOCATED" -> List.of("PROCESSING", "ALLOCATED");
        case "FAILED" -> List.of("FAILED");
        case "CANCELLED" -> List.of("PROCESSING", "ALLOCATED", "CANCELLED");
        default -> List.of();
      };
      for (String s : path) {
        assertThat(send("service", "PATCH", "/orders?id=eq." + id, "{\"order_status\":\"" + s + "\"}").status()).isEqualTo(204);
      }
      grandOrders.add(id);
    }
    silkOrders.add(rpc("partner B", "place_partner_order", "{\"p_customer_id\":\"" + SampleData.BOBUR + "\",\"p_package_code\":\"TR_5GB_30D\"}")
        .json().get(0).path("id").asText());
    db.update(Identity.superuser(), "update partners set status = 'suspended' where id = ?", suspended.partnerId());
  }

  /** A partner's integration credential: a dedicated Auth user recorded in partner_credentials (as the backend does). */
  static UUID integrationUser(String who, UUID partnerId, boolean revoked) {
    UUID user = supabase.createUser(who.replace(' ', '-') + "@integrations.onesim.invalid", "customer");
    UUID id = UUID.randomUUID();
    db.update(Identity.superuser(), "insert into partner_credentials (id, partner_id, user_id, label, revoked_at) values (?, ?, ?, ?, "
        + (revoked ? "now()" : "null") + ")", id, partnerId, user, who);
    tokens.put(who, supabase.userJwt(user));
    return id;
  }

  @AfterAll
  static void printAndStop() {
    StringBuilder out = new StringBuilder("\nRLS matrix over HTTP (role x object x verb -> result)\n");
    matrix.forEach((k, v) -> out.append(String.format("  %-70s %s%n", k, v)));
    System.out.println(out);
    try {
      java.nio.file.Files.writeString(java.nio.file.Path.of("target", "rls-matrix-http.txt"), out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ----------------------------------------------------------------- HTTP helpers

  static Http.Resp send(String who, String method, String path, String body, String... headers) {
    String apikey = who.equals("service") ? supabase.serviceRoleKey() : supabase.anonKey();
    return Http.send(supabase.url(), method, "/rest/v1" + path, apikey, tokens.get(who), body, headers);
  }

  static Http.Resp send(String who, String method, String path) {
    return send(who, method, path, null);
  }

  static Http.Resp post(String who, String path, String body, String... headers) {
    return send(who, "POST", path, body, headers);
  }

  static Http.Resp rpc(String who, String fn, String args) {
    return send(who, "POST", "/rpc/" + fn, args);
  }

  static Set<String> visible(String who, String object, String column) {
    Http.Resp r = send(who, "GET", "/" + object + "?select=" + column);
    if (r.status() != 200) {
      matrix.put(who + " | " + object + " | GET", "denied " + r.status() + " " + r.code());
      return null;
    }
    Set<String> ids = r.ids(column);
    matrix.put(who + " | " + object + " | GET", r.rows().size() + " rows");
    return ids;
  }

  static Set<String> set(Object... ids) {
    return java.util.Arrays.stream(ids).map(String::valueOf).collect(Collectors.toSet());
  }

  static Map<String, String> snapshot() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String t : OBJECTS.subList(0, 10)) {
      out.put(t, String.valueOf(db.value(Identity.superuser(),
          "select count(*) || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') from public." + t + " x")));
    }
    return out;
  }

  /** A forbidden write: the expected status (and code), and nothing changed in the database. */
  static void refused(String who, String label, int status, String code, String method, String path, String body, String... headers) {
    Map<String, String> before = snapshot();
    Http.Resp r = send(who, method, path, body, headers);
    matrix.put(who + " | " + label, "refused " + r.status() + (r.code() == null ? "" : " " + r.code()));
    assertThat(r.status()).as(who + " " + label + ": " + r.body()).isEqualTo(status);
    if (code != null) {
      assertThat(r.code()).as(who + " " + label).isEqualTo(code);
    }
    assertThat(snapshot()).as(who + " " + label + " changed nothing").isEqualTo(before);
  }

  // ----------------------------------------------------------------- reads

  @Test
  void anonSeesTheCatalogueAndNothingElse() {
    assertThat(visible("anon", "esim_packages", "package_code")).hasSize(7);
    assertThat(visible("anon", "fx_rates", "id")).hasSize(1);
    for (String o : OBJECTS) {
      if (!o.equals("esim_packages") && !o.equals("fx_rates")) {
        Http.Resp r = send("anon", "GET", "/" + o);
        matrix.put("anon | " + o + " | GET", "denied " + r.status() + " " + r.code());
        assertThat(r.status()).as(o).isEqualTo(401);
        assertThat(r.code()).isEqualTo("42501");
      }
    }
  }

  @Test
  void eachRoleSeesExactlyItsRows() {
    assertThat(visible("customer A", "orders", "id")).isEqualTo(set(orderA));
    assertThat(visible("customer B", "orders", "id")).isEqualTo(set(orderB));
    assertThat(visible("customer A", "v_orders_complete", "id")).isEqualTo(set(orderA));
    assertThat(visible("customer A", "profiles", "id")).isEqualTo(set(SampleData.CUSTOMER_USER));
    assertThat(visible("customer A", "order_action_logs", "order_id")).isEqualTo(set(orderA));
    for (String o : List.of("partners", "partner_customers", "customer_groups", "customer_group_members", "partner_earnings",
        "v_partner_dashboard_stats")) {
      assertThat(visible("customer A", o, o.equals("customer_group_members") ? "group_id" : o.equals("v_partner_dashboard_stats") ? "partner_id" : "id"))
          .as(o).isEmpty();
    }
    assertThat(visible("partner A", "partners", "id")).isEqualTo(set(SampleData.GRAND_TRAVEL));
    assertThat(visible("partner A", "partner_customers", "id")).isEqualTo(set(SampleData.AZIZA, SampleData.JAHONGIR));
    assertThat(visible("partner A", "customer_groups", "id")).isEqualTo(set(SampleData.ANTALYA_GROUP));
    assertThat(visible("partner A", "customer_group_members", "customer_id")).isEqualTo(set(SampleData.AZIZA, SampleData.JAHONGIR));
    assertThat(visible("partner A", "orders", "id")).isEqualTo(set(grandOrders.toArray()));
    assertThat(visible("partner A", "partner_earnings", "order_id")).isEqualTo(set(grandOrders.toArray()));
    assertThat(visible("partner A", "v_orders_complete", "id")).isEqualTo(set(grandOrders.toArray()));
    assertThat(visible("partner A", "v_partner_dashboard_stats", "partner_id")).isEqualTo(set(SampleData.GRAND_TRAVEL));
    assertThat(visible("partner B", "partners", "id")).isEqualTo(set(SampleData.SILK_ROAD));
    assertThat(visible("partner B", "orders", "id")).isEqualTo(set(silkOrders.toArray()));
    assertThat(visible("partner B", "partner_customers", "id")).isEqualTo(set(SampleData.BOBUR));
    assertThat(visible("suspended partner", "partner_customers", "id")).isEqualTo(set(suspendedCustomer));
    assertThat(visible("suspended partner", "orders", "id")).isEmpty();
    for (String who : List.of("admin", "service")) {
      assertThat(visible(who, "orders", "id")).hasSize(2 + grandOrders.size() + silkOrders.size());
      assertThat(visible(who, "partners", "id")).hasSize(5);
      assertThat(visible(who, "esim_packages", "package_code")).hasSize(8);
      assertThat(visible(who, "partner_customers", "id")).hasSize(4);
      assertThat(visible(who, "v_partner_dashboard_stats", "partner_id")).hasSize(5);
    }
  }

  @Test
  void embeddingDoesNotReachOtherPartnersRows() {
    Http.Resp r = send("partner B", "GET", "/partners?select=id,partner_customers(id,email),customer_groups(id)");
    matrix.put("partner B | partners+partner_customers embed | GET", r.rows().size() + " rows");
    assertThat(r.rows()).hasSize(1);
    assertThat(r.json().get(0).path("partner_customers")).hasSize(1);
    assertThat(r.json().get(0).path("partner_customers").get(0).path("id").asText()).isEqualTo(SampleData.BOBUR.toString());
    Http.Resp groups = send("partner A", "GET", "/customer_groups?select=id,customer_group_members(partner_customers(email))");
    assertThat(groups.rows()).hasSize(1);
    assertThat(groups.json().get(0).path("customer_group_members")).hasSize(2);
    Http.Resp earnings = send("partner B", "GET", "/orders?select=id,partner_earnings(discount_amount_usd),partners(company_name)");
    assertThat(earnings.rows()).hasSize(1);
    assertThat(earnings.json().get(0).path("partners").path("company_name").asText()).isEqualTo("Silk Road Premium");
    Http.Resp viaCustomer = send("customer A", "GET", "/orders?select=id,partners(company_name),customer_groups(name)");
    assertThat(viaCustomer.rows()).hasSize(1);
    assertThat(viaCustomer.json().get(0).path("partners").isNull()).isTrue();
  }

  @Test
  void exactCountsRespectRls() {
    Http.Resp a = send("partner A", "GET", "/orders?select=id&limit=2", null, "Prefer", "count=exact");
    matrix.put("partner A | orders count=exact | GET", a.headers().firstValue("Content-Range").orElse("?"));
    assertThat(a.headers().firstValue("Content-Range")).hasValue("0-1/5");
    Http.Resp head = send("customer A", "HEAD", "/orders", null, "Prefer", "count=exact");
    assertThat(head.headers().firstValue("Content-Range")).hasValue("0-0/1");
  }

  @Test
  void applicantsRejectedPartnersAndIntegrationUsersSeeExactlyTheirRows() {
    for (String who : List.of("applicant", "rejected partner")) {
      UUID own = who.equals("applicant") ? applicant.partnerId() : rejected.partnerId();
      assertThat(visible(who, "partners", "id")).as(who).isEqualTo(set(own));
      assertThat(visible(who, "orders", "id")).as(who).isEmpty();
      assertThat(visible(who, "partner_credentials", "id")).as(who).isEmpty();
      refused(who, "partner_customers POST while not active", 403, "PT403", "POST", "/partner_customers",
          "{\"first_name\":\"A\",\"last_name\":\"B\",\"email\":\"ab-" + own + "@example.com\"}");
      refused(who, "partners PATCH own status to active", 403, "42501", "PATCH", "/partners?id=eq." + own, "{\"status\":\"active\"}");
    }
    // A live integration user of partner A sees what partner A sees, and acts for it.
    String live = "integration user of A";
    assertThat(visible(live, "partners", "id")).isEqualTo(set(SampleData.GRAND_TRAVEL));
    assertThat(visible(live, "partner_customers", "id")).isEqualTo(set(SampleData.AZIZA, SampleData.JAHONGIR));
    assertThat(visible(live, "orders", "id")).isEqualTo(set(grandOrders.toArray()));
    assertThat(visible(live, "partner_earnings", "order_id")).isEqualTo(set(grandOrders.toArray()));
    assertThat(visible(live, "partner_credentials", "id"))
        .isEqualTo(set(integrationCredential, revokedCredential, SampleData.GRAND_TRAVEL_CREDENTIAL));
    refused(live, "partners PATCH custom_discount_rate", 403, "42501", "PATCH", "/partners?id=eq." + SampleData.GRAND_TRAVEL,
        "{\"custom_discount_rate\":50}");
    refused(live, "partner_credentials POST", 403, "42501", "POST", "/partner_credentials",
        "{\"id\":\"" + UUID.randomUUID() + "\",\"partner_id\":\"" + SampleData.GRAND_TRAVEL + "\",\"label\":\"mine\"}");
    refused(live, "partner_credentials PATCH revoked one back", 403, "42501", "PATCH", "/partner_credentials?id=eq." + revokedCredential,
        "{\"revoked_at\":null}");
    // A revoked one acts for nobody, though its token is still valid for Auth.
    String revoked = "revoked integration user of A";
    for (String o : List.of("partners", "partner_customers", "orders", "partner_earnings", "partner_credentials")) {
      assertThat(visible(revoked, o, o.equals("partner_earnings") ? "order_id" : "id")).as(o).isEmpty();
    }
    refused(revoked, "rpc order as a revoked integration user", 403, "PT403", "POST", "/rpc/place_partner_order",
        "{\"p_customer_id\":\"" + SampleData.AZIZA + "\",\"p_package_code\":\"TR_1GB_7D\"}");
    // Other partners and customers see none of A's credentials.
    assertThat(visible("partner B", "partner_credentials", "id")).isEmpty();
    assertThat(visible("customer A", "partner_credentials", "id")).isEmpty();
    assertThat(visible("admin", "partner_credentials", "id")).hasSize(3);
  }

  // ----------------------------------------------------------------- writes

  @Test
  void partnerCannotWriteForbiddenColumnsOrOthersRows() {
    String grand = "/partners?id=eq." + SampleData.GRAND_TRAVEL;
    refused("partner A", "partners PATCH discount_rate", 403, "42501", "PATCH", grand, "{\"discount_rate\":50}");
    refused("partner A", "partners PATCH custom_discount_rate", 403, "42501", "PATCH", grand, "{\"custom_discount_rate\":50}");
    refused("partner A", "partners PATCH totals", 403, "42501", "PATCH", grand, "{\"total_spent\":0,\"total_savings\":999}");
    refused("partner A", "partners PATCH status", 403, "42501", "PATCH", grand, "{\"status\":\"suspended\"}");
    refused("partner A", "partners PATCH other partner", 204, null, "PATCH", "/partners?id=eq." + SampleData.SILK_ROAD, "{\"website\":\"x\"}");
    refused("partner A", "partners upsert own row with 50%", 403, "42501", "POST", "/partners",
        "{\"id\":\"" + SampleData.GRAND_TRAVEL + "\",\"user_id\":\"" + SampleData.GRAND_TRAVEL_USER
            + "\",\"company_name\":\"Grand\",\"business_email\":\"x@y.uz\",\"discount_rate\":50}",
        "Prefer", "resolution=merge-duplicates");
    refused("partner A", "profiles PATCH user_type", 403, "42501", "PATCH", "/profiles?id=eq." + SampleData.GRAND_TRAVEL_USER,
        "{\"user_type\":\"admin\"}");
    refused("partner A", "orders PATCH price", 403, "42501", "PATCH", "/orders?id=eq." + grandOrders.get(0), "{\"price_usd\":1}");
    refused("partner A", "orders PATCH status", 403, "42501", "PATCH", "/orders?id=eq." + grandOrders.get(0), "{\"order_status\":\"ALLOCATED\"}");
    refused("partner A", "orders PATCH other partner_id", 403, "42501", "PATCH", "/orders?id=eq." + grandOrders.get(0),
        "{\"partner_id\":\"" + SampleData.SILK_ROAD + "\"}");
    refused("partner A", "orders DELETE", 403, "42501", "DELETE", "/orders?id=eq." + grandOrders.get(0), null);
    refused("partner A", "orders POST forged other partner", 403, "PT403", "POST", "/orders",
        "{\"source_type\":\"b2b_partner\",\"user_id\":\"" + SampleData.GRAND_TRAVEL_USER + "\",\"partner_id\":\"" + SampleData.SILK_ROAD
            + "\",\"end_customer_id\":\"" + SampleData.BOBUR + "\",\"package_code\":\"TR_1GB_7D\"}");
    refused("partner A", "partner_earnings PATCH amount", 403, "42501", "PATCH", "/partner_earnings?order_id=eq." + grandOrders.get(2),
        "{\"discount_amount_usd\":15}");
    refused("partner A", "partner_earnings DELETE", 403, "42501", "DELETE", "/partner_earnings?order_id=eq." + grandOrders.get(2), null);
    refused("partner A", "partner_customers POST for other partner", 403, "42501", "POST", "/partner_customers",
        "{\"partner_id\":\"" + SampleData.SILK_ROAD + "\",\"first_name\":\"X\",\"last_name\":\"Y\",\"email\":\"xy@example.com\"}");
    refused("partner A", "partner_customers upsert onto other's customer", 403, "42501", "POST", "/partner_customers",
        "{\"id\":\"" + SampleData.BOBUR + "\",\"partner_id\":\"" + SampleData.GRAND_TRAVEL + "\",\"first_name\":\"Stolen\",\"last_name\":\"Y\",\"email\":\"bobur@example.com\"}",
        "Prefer", "resolution=merge-duplicates");
    refused("partner A", "partner_customers PATCH other's", 204, null, "PATCH", "/partner_customers?id=eq." + SampleData.BOBUR, "{\"notes\":\"x\"}");
    refused("partner A", "partner_customers DELETE other's", 204, null, "DELETE", "/partner_customers?id=eq." + SampleData.BOBUR, null);
    refused("partner A", "esim_packages PATCH price", 204, null, "PATCH", "/esim_packages?package_code=eq.TR_1GB_7D", "{\"final_price_usd\":1}");
    refused("partner A", "fx_rates POST", 403, "42501", "POST", "/fx_rates", "{\"uzs_per_usd\":1,\"source\":\"me\"}");
  }

  @Test
  void customerCannotEscalateOrForgePrices() {
    refused("customer A", "profiles PATCH user_type=partner", 403, "42501", "PATCH", "/profiles?id=eq." + SampleData.CUSTOMER_USER,
        "{\"user_type\":\"partner\"}");
    refused("customer A", "partners POST self", 403, "42501", "POST", "/partners",
        "{\"user_id\":\"" + SampleData.CUSTOMER_USER + "\",\"company_name\":\"Me\",\"business_email\":\"me@x.uz\"}");
    refused("customer A", "orders PATCH own price", 403, "42501", "PATCH", "/orders?id=eq." + orderA, "{\"price_usd\":0.01}");
    refused("customer A", "orders PATCH other's", 204, null, "PATCH", "/orders?id=eq." + orderB, "{\"notes\":\"x\"}");
    refused("customer A", "orders POST for another user", 403, "42501", "POST", "/orders",
        "{\"source_type\":\"b2c\",\"user_id\":\"" + customerB + "\",\"package_code\":\"TR_1GB_7D\"}");
    refused("customer A", "orders POST admin order", 403, "PT403", "POST", "/orders",
        "{\"source_type\":\"admin\",\"user_id\":\"" + SampleData.CUSTOMER_USER + "\",\"package_code\":\"TR_1GB_7D\",\"customer_first_name\":\"A\",\"customer_last_name\":\"B\",\"customer_email\":\"a@b.uz\"}");
    // A forged price on an allowed insert is overwritten, not trusted.
    Http.Resp created = post("customer A", "/orders",
        "{\"source_type\":\"b2c\",\"user_id\":\"" + SampleData.CUSTOMER_USER + "\",\"package_code\":\"TR_1GB_7D\",\"price_usd\":0.01,\"order_status\":\"ALLOCATED\"}",
        "Prefer", "return=representation");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get(0).path("price_usd").decimalValue()).isEqualByComparingTo("15.00");
    assertThat(created.json().get(0).path("order_status").asText()).isEqualTo("PENDING");
    matrix.put("customer A | orders POST forged price", "created, price overwritten to 15.00");
    db.update(Identity.superuser(), "delete from order_action_logs where order_id = ?", UUID.fromString(created.json().get(0).path("id").asText()));
    db.update(Identity.superuser(), "delete from orders where id = ?", UUID.fromString(created.json().get(0).path("id").asText()));
  }

  @Test
  void anonCannotWriteOrCallRpcs() {
    refused("anon", "orders POST", 401, "42501", "POST", "/orders", "{\"source_type\":\"b2c\",\"package_code\":\"TR_1GB_7D\"}");
    refused("anon", "esim_packages PATCH", 401, "42501", "PATCH", "/esim_packages?package_code=eq.TR_1GB_7D", "{\"final_price_usd\":1}");
    refused("anon", "rpc place_partner_order", 401, "42501", "POST", "/rpc/place_partner_order",
        "{\"p_customer_id\":\"" + SampleData.AZIZA + "\",\"p_package_code\":\"TR_1GB_7D\"}");
    refused("anon", "rpc partner_dashboard", 401, "42501", "POST", "/rpc/partner_dashboard", "{}");
    refused("anon", "rpc log_sell_price", 401, "42501", "POST", "/rpc/log_sell_price",
        "{\"p_order_id\":\"" + grandOrders.get(0) + "\",\"p_sell_price\":1}");
  }

  @Test
  void rpcsRefuseForeignCustomersGroupsAndSuspendedPartners() {
    refused("partner A", "rpc order for other's customer", 403, "PT403", "POST", "/rpc/place_partner_order",
        "{\"p_customer_id\":\"" + SampleData.BOBUR + "\",\"p_package_code\":\"TR_1GB_7D\"}");
    refused("partner B", "rpc order for other's group", 404, "PT404", "POST", "/rpc/place_partner_orders",
        "{\"p_group_id\":\"" + SampleData.ANTALYA_GROUP + "\",\"p_package_code\":\"TR_1GB_7D\"}");
    refused("suspended partner", "rpc order while suspended", 403, "PT403", "POST", "/rpc/place_partner_order",
        "{\"p_customer_id\":\"" + suspendedCustomer + "\",\"p_package_code\":\"TR_1GB_7D\"}");
    refused("customer A", "rpc partner order as customer", 403, "PT403", "POST", "/rpc/place_partner_order",
        "{\"p_customer_id\":\"" + SampleData.AZIZA + "\",\"p_package_code\":\"TR_1GB_7D\"}");
    refused("partner B", "rpc dashboard of other partner", 404, "PT404", "POST", "/rpc/partner_dashboard",
        "{\"p_partner_id\":\"" + SampleData.GRAND_TRAVEL + "\"}");
    refused("partner B", "rpc sell price on other's order", 404, "PT404", "POST", "/rpc/log_sell_price",
        "{\"p_order_id\":\"" + grandOrders.get(0) + "\",\"p_sell_price\":1}");
    Http.Resp bad = send("partner A", "POST", "/rpc/place_partner_order",
        "{\"p_customer_id\":\"" + SampleData.AZIZA + "\",\"p_package_code\":\"TR_1GB_7D\",\"p_quantity\":0}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("details").asText()).isEqualTo("out_of_range");
    assertThat(bad.json().path("hint").asText()).isEqualTo("quantity");
    Http.Resp dash = send("partner A", "GET", "/rpc/partner_dashboard");
    matrix.put("partner A | rpc partner_dashboard | GET", "allowed " + dash.status());
    assertThat(dash.status()).isEqualTo(200);
    assertThat(dash.json().path("stats").path("partner_id").asText()).isEqualTo(SampleData.GRAND_TRAVEL.toString());
    assertThat(dash.json().path("stats").path("total_orders").asInt()).isEqualTo(1);
    assertThat(dash.json().path("stats").path("total_spent_usd").decimalValue()).isEqualByComparingTo(new BigDecimal("14.25"));
  }
}
