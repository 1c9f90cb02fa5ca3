package uz.onesim.backend;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.core.Amounts;
import uz.onesim.core.RetailPricing;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.esimaccess.EsimPackage;
import uz.onesim.esimaccess.PackageQuery;

/**
 * Keeps {@code esim_packages}, the retail catalogue every order is priced from, true to the
 * provider's (backend only). One run:
 * <ol>
 *   <li>reads the provider's whole package list, OneSIM's margins ({@code margin_overrides}: a
 *       package's own, else its country's, else its region's, else the default, else
 *       {@link #DEFAULT_MARGIN}), and the current catalogue (keyset pages of 1 000);
 *   <li>computes each retail price with {@link RetailPricing} (wholesale + margin, up to the cent);
 *   <li>writes only what changed, in bulk: new and changed packages and their costs (upserts of up
 *       to 500 rows a request), one {@code package_price_changes} row per changed price, and the
 *       packages the provider dropped are deactivated (never deleted: old orders reference them);
 *   <li>asks the provider which top-ups fit each plan that takes them ({@code package/list} with
 *       {@code type TOPUP} and the plan's code: the base list may not carry top-ups at all, and a
 *       top-up of the same country is not necessarily one the provider accepts), at most
 *       {@code perRun} plans a run whose answer is older than {@code ttl}, oldest first; the answer
 *       replaces the plan's {@code topup_offers}, which is all a caller is offered and may buy;
 *   <li>writes one {@code price_sync_log} row for the run (a run where nothing changed writes only
 *       that).
 * </ol>
 * Orders already placed keep their price: it was copied onto the order. Progress goes to a
 * {@link Listener}. Thread-safe; run one at a time.
 */
public final class CatalogSync {
  /** The margin when no override applies: 50 %. */
  public static final BigDecimal DEFAULT_MARGIN = new BigDecimal("50");
  private static final int CHUNK = 500;

  /** Progress of a run. */
  public interface Listener {
    Listener NONE = (step, done, total) -> { };

    void progress(String step, int done, int total);
  }

  /** What a run did: packages seen, created, updated, deactivated, prices changed, plans whose top-ups were asked for. */
  public record Report(long syncId, int seen, int created, int updated, int deactivated, int priceChanges, int topUpPlansRefreshed) {}

  private record CatalogRow(String packageCode, String name, String locationCode, String packageType, Long dataVolumeBytes,
      Integer duration, BigDecimal finalPriceUsd, Boolean isActive, List<String> coveredCountries,
      com.fasterxml.jackson.databind.JsonNode networks, OffsetDateTime topupsRefreshedAt, Integer dataType) {}

  /** Plans whose top-ups are asked for per run by default. */
  public static final int DEFAULT_TOPUP_REFRESHES_PER_RUN = 100;
  /** How long the provider's answer for a plan's top-ups stands by default. */
  public static final java.time.Duration DEFAULT_TOPUP_OFFERS_TTL = java.time.Duration.ofHours(24);

  private record CostRow(String packageCode, BigDecimal wholesalePriceUsd) {}

  private record MarginRow(String scope, String scopeValue, BigDecimal marginPercent) {}

  private record LogRow(long id) {}

  private final PostgrestClient db;
  private final EsimAccessClient esim;
  private final Listener listener;
  private final int topUpRefreshesPerRun;
  private final java.time.Duration topUpOffersTtl;

  public CatalogSync(PostgrestClient serviceClient, EsimAccessClient esim, Listener listener) {
    this(serviceClient, esim, listener, DEFAULT_TOPUP_REFRESHES_PER_RUN, DEFAULT_TOPUP_OFFERS_TTL);
  }

  private CatalogSync(PostgrestClient serviceClient, EsimAccessClient esim, Listener listener, int perRun, java.time.Duration ttl) {
    if (perRun < 0 || perRun > 10_000) {
      throw new uz.onesim.core.ValidationException("perRun", "out_of_range", "must be 0 to 10000, got " + perRun);
    }
    this.db = serviceClient;
    this.esim = esim;
    this.listener = listener;
    this.topUpRefreshesPerRun = perRun;
    this.topUpOffersTtl = java.util.Objects.requireNonNull(ttl, "ttl == null");
  }

  /**
   * The same sync asking for the top-ups of at most {@code perRun} plans a run (0: never) whose
   * answer is older than {@code ttl}. Each plan costs one provider call (paced like every call).
   */
  public CatalogSync withTopUpRefresh(int perRun, java.time.Duration ttl) {
    return new CatalogSync(db, esim, listener, perRun, ttl);
  }

  /**
   * Syncs the whole catalogue once: one provider call for the plans, one per plan whose top-ups are
   * due, a few database requests; returns what changed.
   */
  public Report run() {
    long syncId = db.from("price_sync_log").insert(Map.of("status", "running")).select("id").one(LogRow.class).id();
    try {
      Report r = sync(syncId);
      Map<String, Object> done = new LinkedHashMap<>();
      done.put("status", "succeeded");
      done.put("finished_at", OffsetDateTime.now().toString());
      done.put("packages_seen", r.seen());
      done.put("packages_created", r.created());
      done.put("packages_updated", r.updated());
      done.put("packages_deactivated", r.deactivated());
      done.put("price_changes", r.priceChanges());
      db.from("price_sync_log").update(done).eq("id", syncId).execute();
      return r;
    } catch (RuntimeException e) {
      db.from("price_sync_log").update(Map.of("status", "failed", "finished_at", OffsetDateTime.now().toString(),
          "error", e.getClass().getSimpleName() + ": " + e.getMessage())).eq("id", syncId).execute();
      throw e;
    }
  }

  private Report sync(long syncId) {
    List<EsimPackage> baseList = esim.packages(PackageQuery.all());
    listener.progress("provider catalogue", baseList.size(), baseList.size());
    Map<String, BigDecimal> margins = db.from("margin_overrides").select("scope,scope_value,margin_percent").list(MarginRow.class)
        .stream().collect(Collectors.toMap(m -> m.scope() + ":" + m.scopeValue(), MarginRow::marginPercent));
    Map<String, CatalogRow> current = new HashMap<>();
    db.from("esim_packages").select("package_code,name,location_code,package_type,data_volume_bytes,duration,final_price_usd,is_active,"
        + "covered_countries,networks,topups_refreshed_at,data_type")
        .stream(CatalogRow.class, "package_code", 1000).forEach(r -> current.put(r.packageCode(), r));
    Map<String, List<EsimPackage>> offers = topUpsOfDuePlans(baseList, current);
    java.util.Set<String> topUpCodes = offers.values().stream().flatMap(List::stream).map(EsimPackage::packageCode)
        .collect(Collectors.toSet());
    Map<String, EsimPackage> merged = new LinkedHashMap<>();
    baseList.forEach(p -> merged.put(p.packageCode(), p));
    offers.values().forEach(list -> list.forEach(p -> merged.putIfAbsent(p.packageCode(), p)));
    List<EsimPackage> provider = List.copyOf(merged.values());
    Map<String, BigDecimal> costs = new HashMap<>();
    db.from("package_costs").select("package_code,wholesale_price_usd").stream(CostRow.class, "package_code", 1000)
        .forEach(c -> costs.put(c.packageCode(), c.wholesalePriceUsd()));

    List<Map<String, Object>> packageRows = new ArrayList<>();
    List<Map<String, Object>> costRows = new ArrayList<>();
    List<Map<String, Object>> changes = new ArrayList<>();
    int created = 0;
    for (EsimPackage p : provider) {
      BigDecimal wholesale = Amounts.decimal(p.wholesalePrice());
      BigDecimal retail = Amounts.decimal(RetailPricing.retail(p.wholesalePrice(), margin(margins, p)));
      CatalogRow old = current.get(p.packageCode());
      List<String> covered = p.coveredCountries();
      com.fasterxml.jackson.databind.JsonNode networks = networks(p);
      boolean changed = old == null || !Boolean.TRUE.equals(old.isActive()) || old.finalPriceUsd() == null
          || old.finalPriceUsd().compareTo(retail) != 0 || !p.name().equals(old.name())
          || !java.util.Objects.equals(old.dataVolumeBytes(), p.volume()) || !java.util.Objects.equals(old.duration(), p.duration())
          || !covered.equals(old.coveredCountries()) || !networks.equals(old.networks())
          || !java.util.Objects.equals(old.dataType(), dataTypeOf(p));
      if (changed) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("package_code", p.packageCode());
        row.put("slug", p.slug());
        row.put("name", p.name());
        row.put("description", p.description());
        row.put("location_code", p.locationCode());
        row.put("location_name", p.location());
        boolean topUp = topUpCodes.contains(p.packageCode()) || p.packageCode().startsWith("TOPUP")
            || old != null && "TOPUP".equals(old.packageType());
        row.put("package_type", topUp ? "TOPUP" : "BASE");
        row.put("data_volume_bytes", p.volume());
        row.put("data_type", dataTypeOf(p));
        row.put("data_gb", BigDecimal.valueOf(p.volume()).divide(BigDecimal.valueOf(1_073_741_824L), 2, java.math.RoundingMode.HALF_UP));
        row.put("duration", p.duration());
        row.put("duration_unit", p.durationUnit() == null ? "DAY" : p.durationUnit());
        row.put("final_price_usd", retail);
        row.put("is_active", true);
        row.put("covered_countries", covered);
        row.put("networks", networks);
        packageRows.add(row);
        if (old == null) {
          created++;
        } else if (old.finalPriceUsd() == null || old.finalPriceUsd().compareTo(retail) != 0) {
          Map<String, Object> change = new LinkedHashMap<>();
          change.put("package_code", p.packageCode());
          change.put("old_price_usd", old.finalPriceUsd());
          change.put("new_price_usd", retail);
          change.put("sync_id", syncId);
          changes.add(change);
        }
      }
      BigDecimal oldCost = costs.get(p.packageCode());
      if (oldCost == null || oldCost.compareTo(wholesale) != 0) {
        costRows.add(Map.of("package_code", p.packageCode(), "wholesale_price_usd", wholesale, "synced_at", OffsetDateTime.now().toString()));
      }
    }
    upsertInChunks("esim_packages", "package_code", packageRows);
    upsertInChunks("package_costs", "package_code", costRows);
    if (!changes.isEmpty()) {
      db.from("package_price_changes").insert(changes).execute();
    }
    writeOffers(offers);
    java.util.Set<String> offered = provider.stream().map(EsimPackage::packageCode).collect(Collectors.toSet());
    // top-ups are listed through their plans, which a run asks in part: only plans are dropped here
    // (a top-up no plan lists any more is no longer in topup_offers, so it is not offered)
    List<String> dropped = current.values().stream().filter(r -> Boolean.TRUE.equals(r.isActive()) && !offered.contains(r.packageCode())
            && !"TOPUP".equals(r.packageType()))
        .map(CatalogRow::packageCode).sorted().toList();
    for (int i = 0; i < dropped.size(); i += 100) {
      db.from("esim_packages").update(Map.of("is_active", false)).in("package_code", dropped.subList(i, Math.min(dropped.size(), i + 100)))
          .execute();
      listener.progress("deactivate", Math.min(dropped.size(), i + 100), dropped.size());
    }
    return new Report(syncId, provider.size(), created, packageRows.size() - created, dropped.size(), changes.size(), offers.size());
  }

  /** The provider's data type when it is one we know: 1 fixed, 2 day pass; else null. */
  static Integer dataTypeOf(EsimPackage p) {
    return p.dataType() != null && (p.dataType() == 1 || p.dataType() == 2) ? p.dataType() : null;
  }

  /** The top-ups the provider lists for each plan due for a refresh (one call per plan). */
  private Map<String, List<EsimPackage>> topUpsOfDuePlans(List<EsimPackage> baseList, Map<String, CatalogRow> current) {
    OffsetDateTime staleBefore = OffsetDateTime.now().minus(topUpOffersTtl);
    List<String> due = baseList.stream().filter(EsimPackage::supportsTopUp).map(EsimPackage::packageCode)
        .filter(code -> !code.startsWith("TOPUP") && !(current.get(code) != null && "TOPUP".equals(current.get(code).packageType())))
        .filter(code -> {
          CatalogRow row = current.get(code);
          return row == null || row.topupsRefreshedAt() == null || row.topupsRefreshedAt().isBefore(staleBefore);
        })
        .sorted(java.util.Comparator.comparing((String code) -> current.get(code) == null ? null : current.get(code).topupsRefreshedAt(),
            java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())).thenComparing(java.util.Comparator.naturalOrder()))
        .limit(topUpRefreshesPerRun).toList();
    Map<String, List<EsimPackage>> out = new LinkedHashMap<>();
    for (String code : due) {
      out.put(code, esim.packages(PackageQuery.topUpsForPackage(code)));
      listener.progress("top-ups per plan", out.size(), due.size());
    }
    return out;
  }

  /** Replaces the offers of the plans just asked for, and notes when they were asked. */
  private void writeOffers(Map<String, List<EsimPackage>> offers) {
    List<String> plans = List.copyOf(offers.keySet());
    for (int i = 0; i < plans.size(); i += 100) {
      db.from("topup_offers").delete().in("base_package_code", plans.subList(i, Math.min(plans.size(), i + 100))).execute();
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    String now = OffsetDateTime.now().toString();
    offers.forEach((plan, topUps) -> topUps.stream().map(EsimPackage::packageCode).distinct()
        .forEach(t -> rows.add(Map.of("base_package_code", plan, "topup_package_code", t, "refreshed_at", now))));
    for (int i = 0; i < rows.size(); i += CHUNK) {
      db.from("topup_offers").insert(rows.subList(i, Math.min(rows.size(), i + CHUNK))).execute();
    }
    for (int i = 0; i < plans.size(); i += 100) {
      db.from("esim_packages").update(Map.of("topups_refreshed_at", now)).in("package_code", plans.subList(i, Math.min(plans.size(), i + 100)))
          .execute();
    }
  }

  /** The provider's networks as [{country, operator, network}], in the provider's order. */
  static com.fasterxml.jackson.databind.JsonNode networks(EsimPackage p) {
    com.fasterxml.jackson.databind.node.ArrayNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    if (p.locationNetworkList() != null) {
      for (EsimPackage.LocationNetwork l : p.locationNetworkList()) {
        if (l.operatorList() == null) {
          continue;
        }
        for (EsimPackage.Operator o : l.operatorList()) {
          out.addObject().put("country", l.locationCode()).put("operator", o.operatorName()).put("network", o.networkType());
        }
      }
    }
    return out;
  }

  private void upsertInChunks(String table, String key, List<Map<String, Object>> rows) {
    for (int i = 0; i < rows.size(); i += CHUNK) {
      db.from(table).upsert(rows.subList(i, Math.min(rows.size(), i + CHUNK))).onConflict(key).execute();
      listener.progress(table, Math.min(rows.size(), i + CHUNK), rows.size());
    }
  }

  /** Package's own margin, else its country's, else its region's, else the default override, else 50 %. */
  static BigDecimal margin(Map<String, BigDecimal> m, EsimPackage p) {
    String loc = p.locationCode() == null ? "" : p.locationCode();
    BigDecimal v = m.get("package:" + p.packageCode());
    if (v == null && loc.length() == 2) {
      v = m.get("country:" + loc);
    }
    if (v == null && loc.length() != 2) {
      v = m.get("region:" + loc);
    }
    if (v == null) {
      v = m.get("default:");
    }
    return v != null ? v : DEFAULT_MARGIN;
  }
}
