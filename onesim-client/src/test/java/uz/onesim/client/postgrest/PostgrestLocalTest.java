package uz.onesim.client.postgrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uz.onesim.core.AuthenticationException;
import uz.onesim.core.BadRequestException;
import uz.onesim.core.ConflictException;
import uz.onesim.core.NotFoundException;
import uz.onesim.core.PermissionException;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/** The client against the real PostgREST of LocalSupabase: grammar, writes, RPC, decoding, errors, RLS. */
class PostgrestLocalTest {
  static LocalSupabase supabase;
  static PostgrestClient service;
  static final AtomicInteger requests = new AtomicInteger();
  static final OkHttpClient raw = new OkHttpClient();

  record Probe(Long id, String name, BigDecimal price, Boolean active, List<String> tags, Map<String, Object> meta,
      OffsetDateTime createdAt, UUID ref, String body) {}

  record PartnerRow(UUID id, String companyName, BigDecimal effectiveDiscountRate, BigDecimal totalSpent) {}

  @BeforeAll
  static void start() throws Exception {
    supabase = LocalSupabaseExtension.freshShared();
    supabase.database().executeScript("""
        create table public.sdk_probe (
          id bigint generated always as identity primary key,
          name text not null unique,
          price numeric(12,2) check (price >= 0),
          active boolean,
          tags text[],
          meta jsonb,
          created_at timestamptz not null default '2026-01-01T00:00:00Z',
          ref uuid,
          body text,
          tsv tsvector generated always as (to_tsvector('english', coalesce(body, ''))) stored);
        alter table public.sdk_probe enable row level security;
        grant all on public.sdk_probe to service_role;
        insert into public.sdk_probe (name, price, active, tags, meta, body, ref) values
          ('alpha', 1.50, true, '{vip,tour}', '{"tier": "gold", "n": 1}', 'the quick brown fox', '00000000-0000-4000-8000-000000000001'),
          ('beta', 20.00, false, '{tour}', '{"tier": "silver"}', 'jumps over the lazy dog', null),
          ('gamma, with comma', 15.00, null, '{}', null, null, null),
          ('delta (paren)', 99999999.99, true, '{vip}', '{"tier": "gold"}', 'quick quick', null),
          ('quote "q"', 0.00, true, null, '{}', 'lazy fox', null),
          ('Ўзбек ñ', 7.77, false, '{tour,vip,x}', '{"tier": "bronze"}', 'dog', null);
        notify pgrst, 'reload schema';
        """);
    service = PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.serviceRoleKey())
        .listener(PostgrestListener.counting(requests)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        service.from("sdk_probe").select("id").limit(1).json();
        break;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /** Names returned by the hand-written URL. */
  static Set<String> rawNames(String query) throws Exception {
    Request r = new Request.Builder().url(supabase.restUrl() + "/sdk_probe?select=name&" + query)
        .header("apikey", supabase.serviceRoleKey()).build();
    try (Response resp = raw.newCall(r).execute()) {
      assertThat(resp.code()).as(query + " " + resp.peekBody(500).string()).isEqualTo(200);
      JsonNode rows = service.objectMapper().readTree(resp.body().string());
      Set<String> out = new HashSet<>();
      rows.forEach(n -> out.add(n.get("name").asText()));
      return out;
    }
  }

  static Set<String> names(PostgrestQuery q) {
    return q.list(Probe.class).stream().map(Probe::name).collect(Collectors.toSet());
  }

  static PostgrestQuery probe() {
    return service.from("sdk_probe").select("name");
  }

  @Test
  void everyFilterMatchesTheHandWrittenUrl() throws Exception {
    assertThat(names(probe().eq("price", new BigDecimal("15.00")))).isEqualTo(rawNames("price=eq.15.00")).containsExactly("gamma, with comma");
    assertThat(names(probe().neq("active", true))).isEqualTo(rawNames("active=neq.true")).hasSize(2);
    assertThat(names(probe().gt("price", 15))).isEqualTo(rawNames("price=gt.15")).hasSize(2);
    assertThat(names(probe().gte("price", 15))).isEqualTo(rawNames("price=gte.15")).hasSize(3);
    assertThat(names(probe().lt("price", new BigDecimal("1.5")))).isEqualTo(rawNames("price=lt.1.5")).containsExactly("quote \"q\"");
    assertThat(names(probe().lte("price", new BigDecimal("1.50")))).isEqualTo(rawNames("price=lte.1.50")).hasSize(2);
    assertThat(names(probe().like("body", "*quick*"))).isEqualTo(rawNames("body=like.*quick*")).hasSize(2);
    assertThat(names(probe().ilike("name", "%ALPHA%"))).isEqualTo(rawNames("name=ilike.*ALPHA*")).containsExactly("alpha");
    assertThat(names(probe().is("active", null))).isEqualTo(rawNames("active=is.null")).containsExactly("gamma, with comma");
    assertThat(names(probe().is("active", true))).isEqualTo(rawNames("active=is.true")).hasSize(3);
    assertThat(names(probe().in("name", List.of("gamma, with comma", "delta (paren)", "quote \"q\"", "Ўзбек ñ"))))
        .isEqualTo(rawNames("name=in.(%22gamma,%20with%20comma%22,%22delta%20(paren)%22,%22quote%20%5C%22q%5C%22%22,%D0%8E%D0%B7%D0%B1%D0%B5%D0%BA%20%C3%B1)"))
        .hasSize(4);
    assertThat(names(probe().contains("tags", List.of("vip")))).isEqualTo(rawNames("tags=cs.%7Bvip%7D")).hasSize(3);
    assertThat(names(probe().containedBy("tags", List.of("tour", "vip")))).isEqualTo(rawNames("tags=cd.%7Btour,vip%7D")).hasSize(4);
    assertThat(names(probe().overlaps("tags", List.of("x", "tour")))).isEqualTo(rawNames("tags=ov.%7Bx,tour%7D")).hasSize(3);
    assertThat(names(probe().contains("meta", Map.of("tier", "gold")))).isEqualTo(rawNames("meta=cs.%7B%22tier%22:%22gold%22%7D")).hasSize(2);
    assertThat(names(probe().textSearch("tsv", "quick & fox", "english", null))).isEqualTo(rawNames("tsv=fts(english).quick%20%26%20fox"))
        .containsExactly("alpha");
    assertThat(names(probe().textSearch("tsv", "lazy dog", "english", "plain"))).isEqualTo(rawNames("tsv=plfts(english).lazy%20dog")).containsExactly("beta");
    assertThat(names(probe().textSearch("tsv", "quick -brown", "english", "websearch"))).isEqualTo(rawNames("tsv=wfts(english).quick%20-brown"))
        .containsExactly("delta (paren)");
    assertThat(names(probe().not("active", "is", "null"))).isEqualTo(rawNames("active=not.is.null")).hasSize(5);
    assertThat(names(probe().or("price.lt.1,and(active.is.false,price.gt.10)"))).isEqualTo(rawNames("or=(price.lt.1,and(active.is.false,price.gt.10))"))
        .containsExactlyInAnyOrder("quote \"q\"", "beta");
    assertThat(names(probe().match(Map.of("active", true, "price", new BigDecimal("1.50"))))).containsExactly("alpha");
    assertThat(names(probe().eq("ref", UUID.fromString("00000000-0000-4000-8000-000000000001")))).containsExactly("alpha");
  }

  @Test
  void orderLimitRangeAndCounts() {
    List<Probe> byPrice = probe().order("price", false, false, null).list(Probe.class);
    assertThat(byPrice).extracting(Probe::name).first().isEqualTo("delta (paren)");
    assertThat(probe().order("active", true, true, null).order("name", true).limit(2).list(Probe.class)).extracting(Probe::name)
        .containsExactly("gamma, with comma", "beta");
    assertThat(probe().order("name", true).range(1, 2).list(Probe.class)).extracting(Probe::name).containsExactly("beta", "delta (paren)");
    Page<Probe> page = probe().order("name", true).range(0, 1).count(Count.EXACT).page(Probe.class);
    assertThat(page.rows()).hasSize(2);
    assertThat(page.total()).isEqualTo(6);
    assertThat(service.from("sdk_probe").eq("active", true).total()).isEqualTo(3);
    assertThat(service.from("sdk_probe").count(Count.PLANNED).total()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void singleMaybeSingleAndEmbedding() {
    Probe alpha = service.from("sdk_probe").select("*").eq("name", "alpha").one(Probe.class);
    assertThat(alpha.price()).isEqualByComparingTo("1.50");
    assertThat(alpha.price().scale()).isEqualTo(2);
    assertThat(alpha.tags()).containsExactly("vip", "tour");
    assertThat(alpha.meta()).containsEntry("tier", "gold");
    assertThat(alpha.createdAt()).isEqualTo(OffsetDateTime.parse("2026-01-01T00:00:00Z"));
    assertThat(alpha.ref()).isEqualTo(UUID.fromString("00000000-0000-4000-8000-000000000001"));
    NotFoundException none = catchThrowableOfType(() -> probe().eq("name", "nope").one(Probe.class), NotFoundException.class);
    assertThat(none.remoteCode()).isEqualTo("PGRST116");
    assertThat(none.status()).isEqualTo(406);
    assertThat(probe().eq("name", "nope").maybeOne(Probe.class)).isEmpty();
    assertThat(probe().eq("name", "beta").maybeOne(Probe.class)).map(Probe::name).hasValue("beta");
    assertThatThrownBy(() -> probe().eq("active", true).maybeOne(Probe.class)).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> probe().eq("active", true).one(Probe.class)).isInstanceOf(ConflictException.class);

    JsonNode embedded = service.from("partners").select("company_name,partner_customers(first_name,email)")
        .order("first_name", true, null, "partner_customers").limit(1, "partner_customers").eq("id", SampleData.GRAND_TRAVEL).json();
    assertThat(embedded.get(0).path("partner_customers")).hasSize(1);
    assertThat(embedded.get(0).path("partner_customers").get(0).path("first_name").asText()).isEqualTo("Aziza");
  }

  @Test
  void bulkInsertOfAThousandRowsIsOneRequest() {
    List<Map<String, Object>> rows = IntStream.range(0, 1000)
        .mapToObj(i -> Map.<String, Object>of("name", "bulk-" + i, "price", new BigDecimal(i).movePointLeft(2))).toList();
    int before = requests.get();
    service.from("sdk_probe").insert(rows).execute();
    assertThat(requests.get() - before).isEqualTo(1);
    assertThat(service.from("sdk_probe").like("name", "bulk-*").total()).isEqualTo(1000);
    assertThat(service.from("sdk_probe").select("created_at").eq("name", "bulk-7").one(Probe.class).createdAt())
        .as("missing keys take the column default").isEqualTo(OffsetDateTime.parse("2026-01-01T00:00:00Z"));
    service.from("sdk_probe").like("name", "bulk-*").delete().execute();
    assertThat(service.from("sdk_probe").like("name", "bulk-*").total()).isZero();
  }

  @Test
  void insertReturningUpsertBothWaysUpdateAndDelete() {
    Probe created = service.from("sdk_probe").insert(Map.of("name", "epsilon", "price", new BigDecimal("3.30"))).select("*").one(Probe.class);
    assertThat(created.id()).isNotNull();
    assertThat(created.price()).isEqualByComparingTo("3.30");
    service.from("sdk_probe").upsert(Map.of("name", "epsilon", "price", new BigDecimal("4.40"))).onConflict("name").execute();
    assertThat(probe().select("name,price").eq("name", "epsilon").one(Probe.class).price()).isEqualByComparingTo("4.40");
    List<Probe> ignored = service.from("sdk_probe").upsert(List.of(Map.of("name", "epsilon", "price", 9), Map.of("name", "zeta", "price", 1)))
        .onConflict("name").ignoreDuplicates().list(Probe.class);
    assertThat(ignored).extracting(Probe::name).containsExactly("zeta");
    assertThat(probe().select("name,price").eq("name", "epsilon").one(Probe.class).price()).isEqualByComparingTo("4.40");
    List<Probe> updated = service.from("sdk_probe").update(Map.of("price", new BigDecimal("5.55"))).in("name", List.of("epsilon", "zeta"))
        .select("name,price").list(Probe.class);
    assertThat(updated).extracting(Probe::price).allSatisfy(p -> assertThat(p).isEqualByComparingTo("5.55"));
    service.from("sdk_probe").delete().in("name", List.of("epsilon", "zeta")).execute();
    assertThat(service.from("sdk_probe").in("name", List.of("epsilon", "zeta")).total()).isZero();
  }

  @Test
  void unfilteredUpdateOrDeleteIsRefusedBeforeAnyRequest() {
    int before = requests.get();
    assertThatThrownBy(() -> service.from("sdk_probe").update(Map.of("price", 0)).execute())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("allowUnfiltered");
    assertThatThrownBy(() -> service.from("sdk_probe").delete().execute()).isInstanceOf(IllegalStateException.class);
    assertThat(requests.get()).isEqualTo(before);
    assertThat(service.from("sdk_probe").total()).isEqualTo(6);
  }

  @Test
  void rpcPostGetAndMappedBusinessErrors() {
    PostgrestClient partner = service.withUserJwt(supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
    JsonNode order = partner.rpc("place_partner_order", Map.of("p_customer_id", SampleData.AZIZA, "p_package_code", "TR_1GB_7D")).json();
    assertThat(order.get(0).path("price_usd").decimalValue()).isEqualByComparingTo("14.25");
    JsonNode dash = partner.rpc("partner_dashboard", Map.of("p_recent", 5)).get().json();
    assertThat(dash.path("stats").path("company_name").asText()).isEqualTo("Grand Travel Tour");
    PermissionException foreign = catchThrowableOfType(() -> partner.rpc("place_partner_order",
        Map.of("p_customer_id", SampleData.BOBUR, "p_package_code", "TR_1GB_7D")).execute(), PermissionException.class);
    assertThat(foreign.remoteCode()).isEqualTo("PT403");
    assertThat(foreign.code()).isEqualTo("foreign_customer");
    assertThat(foreign.status()).isEqualTo(403);
    NotFoundException unknown = catchThrowableOfType(() -> partner.rpc("place_partner_order",
        Map.of("p_customer_id", SampleData.AZIZA, "p_package_code", "NOPE")).execute(), NotFoundException.class);
    assertThat(unknown.code()).isEqualTo("unknown_package");
    assertThat(unknown.hint()).isEqualTo("package_code");
    NotFoundException noFn = catchThrowableOfType(() -> service.rpc("no_such_function", null).execute(), NotFoundException.class);
    assertThat(noFn.remoteCode()).isEqualTo("PGRST202");
    supabase.database().update(Identity.superuser(), "delete from order_action_logs; delete from partner_earnings; "
        + "delete from partner_ledger where order_id is not null; delete from orders; "
        + "update partners p set balance_usd = (select coalesce(sum(l.amount_usd), 0) from partner_ledger l where l.partner_id = p.id)");
  }

  @Test
  void rlsSeenThroughAPartnerJwtVersusTheServiceKey() {
    PostgrestClient partner = service.withUserJwt(supabase.userJwt(SampleData.SILK_ROAD_USER));
    List<PartnerRow> mine = partner.from("partners").select("id,company_name,effective_discount_rate,total_spent").list(PartnerRow.class);
    assertThat(mine).extracting(PartnerRow::companyName).containsExactly("Silk Road Premium");
    assertThat(mine.get(0).effectiveDiscountRate()).isEqualByComparingTo("10.00");
    assertThat(service.from("partners").total()).isEqualTo(2);
    PermissionException denied = catchThrowableOfType(() -> partner.from("partners").update(Map.of("discount_rate", 50))
        .eq("id", SampleData.SILK_ROAD).execute(), PermissionException.class);
    assertThat(denied.remoteCode()).isEqualTo("42501");
    assertThat(denied.code()).isEqualTo("column_not_writable");
  }

  @Test
  void realServerErrorsMapToTypedExceptions() {
    ConflictException dup = catchThrowableOfType(() -> service.from("sdk_probe").insert(Map.of("name", "alpha")).execute(), ConflictException.class);
    assertThat(dup.remoteCode()).isEqualTo("23505");
    assertThat(dup.status()).isEqualTo(409);
    BadRequestException check = catchThrowableOfType(() -> service.from("sdk_probe").insert(Map.of("name", "neg", "price", -1)).execute(),
        BadRequestException.class);
    assertThat(check.remoteCode()).isEqualTo("23514");
    BadRequestException badValue = catchThrowableOfType(() -> probe().eq("price", "abc").list(Probe.class), BadRequestException.class);
    assertThat(badValue.remoteCode()).isEqualTo("22P02");
    String expired = supabase.expiredJwt(SampleData.CUSTOMER_USER);
    AuthenticationException auth = catchThrowableOfType(() -> service.withUserJwt(expired).from("orders").json(), AuthenticationException.class);
    assertThat(auth.remoteCode()).isEqualTo("PGRST301");
    assertThat(auth.getMessage()).doesNotContain(expired).doesNotContain(supabase.serviceRoleKey());
    PermissionException rls = catchThrowableOfType(() -> service.withUserJwt(supabase.userJwt(SampleData.CUSTOMER_USER))
        .from("fx_rates").insert(Map.of("uzs_per_usd", 1, "source", "me")).execute(), PermissionException.class);
    assertThat(rls.remoteCode()).isEqualTo("42501");
    PostgrestClient anon = PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.anonKey()).build();
    AuthenticationException anonDenied = catchThrowableOfType(() -> anon.from("orders").json(), AuthenticationException.class);
    assertThat(anonDenied.status()).isEqualTo(401);
    PostgrestClient badKey = PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey("sb_publishable_wrong").build();
    AuthenticationException gateway = catchThrowableOfType(() -> badKey.from("esim_packages").json(), AuthenticationException.class);
    assertThat(gateway.getMessage()).contains("Invalid API key").doesNotContain("sb_publishable_wrong");
  }

  @Test
  void newStyleKeysWork() {
    PostgrestClient publishable = PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build();
    assertThat(publishable.from("esim_packages").total()).isEqualTo(7);
    PostgrestClient secret = PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.secretKey()).build();
    assertThat(secret.from("esim_packages").total()).isEqualTo(8);
    PostgrestClient direct = PostgrestClient.builder().restUrl(supabase.postgrestUrl()).apiKey(supabase.serviceRoleKey()).build();
    assertThat(direct.from("esim_packages").total()).isEqualTo(8);
  }

  @Test
  void streamWalksAllRowsLazilyByKeyset() {
    supabase.database().update(Identity.superuser(),
        "insert into public.sdk_probe (name, price) select 'many-' || lpad(i::text, 6, '0'), i / 100.0 from generate_series(1, 4500) i");
    int before = requests.get();
    java.util.Iterator<Probe> it = service.from("sdk_probe").select("id,name").like("name", "many-*").stream(Probe.class, "id", 1000).iterator();
    List<Probe> firstFew = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      firstFew.add(it.next());
    }
    assertThat(requests.get() - before).as("pages fetched after 1 500 rows").isEqualTo(2);
    long rest = 0;
    while (it.hasNext()) {
      it.next();
      rest++;
    }
    assertThat(firstFew.size() + rest).isEqualTo(4500);
    assertThat(requests.get() - before).isEqualTo(5);
    assertThat(firstFew).extracting(Probe::id).isSorted().doesNotHaveDuplicates();
    // pages larger than the server's max-rows (1 000 here): the stream takes the server's size and misses nothing
    int big = requests.get();
    List<Probe> all = service.from("sdk_probe").select("id,name").like("name", "many-*").stream(Probe.class, "id", 50_000).toList();
    assertThat(all).hasSize(4500).extracting(Probe::id).isSorted().doesNotHaveDuplicates();
    assertThat(requests.get() - big).as("five capped pages, the last one short").isEqualTo(5);
    supabase.database().update(Identity.superuser(), "delete from public.sdk_probe where name like 'many-%'");
  }
}
