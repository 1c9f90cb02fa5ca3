package uz.onesim.testkit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import uz.onesim.testkit.SimPackage;
import uz.onesim.testkit.SimProfile;

/**
 * The eSIM Access simulator's state and rules: account balance, catalogue, orders de-duplicated
 * by transactionId, profiles and their lifecycle, and the webhook outbox. Every public method is
 * synchronized: one consistent state, like the provider's database. Errors are {@link SimError}s
 * carrying the provider's error codes.
 */
public final class SimStore {
  /** A refusal with the provider's {@code errorCode}. */
  public static final class SimError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public final String code;

    public SimError(String code, String message) {
      super(message);
      this.code = code;
    }
  }

  static final class Order {
    String orderNo;
    String transactionId;
    String fingerprint;
    Instant createdAt;
    Instant allocateAt;
    boolean allocated;
    final List<SimProfileState> profiles = new ArrayList<>();
  }

  private static final DateTimeFormatter ORDER_NO = DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final Map<String, SimPackage> catalog = new LinkedHashMap<>();
  private final Map<String, Integer> inventory = new HashMap<>();
  private final Map<String, Order> ordersByNo = new LinkedHashMap<>();
  private final Map<String, Order> ordersByTxn = new HashMap<>();
  private final Map<String, Map<String, Object>> topUpsByTxn = new HashMap<>();
  private boolean deduplicateTopUps = true;
  private boolean topUpLinesCarryTransactionId = true;
  private String replayedOrderError;
  private boolean dayPassPricedPerDay;
  private final Map<String, SimProfileState> profiles = new LinkedHashMap<>();
  private final List<Map<String, Object>> outbox = new ArrayList<>();
  private long balance;
  private int charges;
  private long counter;
  private long seq;
  private Duration allocationDelay;
  private Duration extraNotReady = Duration.ZERO;

  public SimStore(Clock clock, long balance, List<SimPackage> packages, Duration allocationDelay) {
    this.clock = clock;
    this.balance = balance;
    this.allocationDelay = allocationDelay;
    packages.forEach(p -> catalog.put(p.packageCode(), p));
  }

  // ------------------------------------------------------------------ controls
  public synchronized long balance() {
    return balance;
  }

  public synchronized void setBalance(long units) {
    balance = units;
  }

  public synchronized int charges() {
    return charges;
  }

  public synchronized int orderCount() {
    return ordersByNo.size();
  }

  public synchronized int profileCount() {
    return profiles.size();
  }

  public synchronized void setInventory(String packageCode, int count) {
    inventory.put(packageCode, count);
  }

  /** Changes a package's wholesale price (provider units). */
  public synchronized void setPrice(String packageCode, long units) {
    SimPackage p = catalog.get(packageCode);
    if (p == null) {
      throw new IllegalArgumentException("no package " + packageCode);
    }
    catalog.put(packageCode, new SimPackage(p.packageCode(), p.slug(), p.name(), p.type(), p.locationCode(), p.location(), units,
        p.volume(), p.duration(), p.unusedValidTime(), p.dataType(), p.supportTopUpType(), p.baseCode()));
  }

  /** The provider stops selling a package. */
  public synchronized void removePackage(String packageCode) {
    catalog.remove(packageCode);
  }

  public synchronized void addPackage(SimPackage p) {
    catalog.put(p.packageCode(), p);
  }

  public synchronized void setAllocationDelay(Duration d) {
    allocationDelay = d;
  }

  public synchronized void extendNotReady(Duration d) {
    extraNotReady = d;
  }

  /** The order number placed under {@code transactionId}, or null (what the provider's console shows). */
  public synchronized String orderNoOf(String transactionId) {
    Order o = ordersByTxn.get(transactionId);
    return o == null ? null : o.orderNo;
  }

  private volatile boolean smsOnlyToInstalled;

  /** esim/sendSms only to an eSIM installed on a device (the doc's rule); off: any eSIM of ours. */
  public void smsOnlyToInstalled(boolean on) {
    smsOnlyToInstalled = on;
  }

  /** Refuses an SMS the provider would not send: an unknown eSIM, or (switched on) one not installed. */
  public synchronized void checkSmsTarget(Map<String, Object> req) {
    if (!smsOnlyToInstalled) {
      return;
    }
    SimProfileState p = find(req);
    if (p.smdpStatus == null || !java.util.Set.of("INSTALLATION", "ENABLED", "DISABLED").contains(p.smdpStatus)) {
      throw new SimError("200002", "SMS goes only to an installed eSIM");
    }
  }

  private volatile Duration topUpLineDelay = Duration.ZERO;

  /** A top-up's line shows in esim/query only {@code d} after it was applied (the totals change at once). */
  public void topUpLinesAppearAfter(Duration d) {
    topUpLineDelay = d;
  }

  private volatile boolean timeRangeFindsNothing;

  /** esim/query by time range answers no profile (the reading where ranges filter on another timestamp). */
  public void timeRangeFindsNothing(boolean on) {
    timeRangeFindsNothing = on;
  }

  public synchronized List<SimProfile> profilesOf(String orderNo) {
    tick();
    Order o = ordersByNo.get(orderNo);
    return o == null ? List.of() : o.profiles.stream().map(SimStore::snapshot).toList();
  }

  public synchronized SimProfile profile(String esimTranNo) {
    tick();
    SimProfileState p = profiles.get(esimTranNo);
    return p == null ? null : snapshot(p);
  }

  private static SimProfile snapshot(SimProfileState p) {
    return new SimProfile(p.esimTranNo, p.orderNo, p.transactionId, p.iccid, p.packageCode, p.esimStatus, p.smdpStatus,
        p.totalVolume, p.orderUsage, p.expiredTime, p.topUps.size());
  }

  /** Webhook payloads waiting for delivery (and clears them). */
  public synchronized List<Map<String, Object>> drainOutbox() {
    tick();
    List<Map<String, Object>> out = new ArrayList<>(outbox);
    outbox.clear();
    return out;
  }

  public synchronized void addWebhook(Map<String, Object> payload) {
    outbox.add(payload);
  }

  // ------------------------------------------------------------------ time
  /** Allocates due orders and expires due profiles. */
  public synchronized void tick() {
    Instant now = clock.instant();
    for (Order o : ordersByNo.values()) {
      if (!o.allocated && !now.isBefore(o.allocateAt.plus(extraNotReady))) {
        o.allocated = true;
        for (SimProfileState p : o.profiles) {
          p.esimStatus = "GOT_RESOURCE";
          p.smdpStatus = "RELEASED";
          p.expiredTime = now.plus(Duration.ofDays(catalog.get(p.packageCode).unusedValidTime()));
        }
        outbox.add(notify("ORDER_STATUS", SimJson.content("orderNo", o.orderNo, "orderStatus", "GOT_RESOURCE", "transactionId", o.transactionId)));
      }
    }
    for (SimProfileState p : profiles.values()) {
      if (p.expiredTime != null && now.isAfter(p.expiredTime) && Set.of("GOT_RESOURCE", "IN_USE", "USED_UP").contains(p.esimStatus)) {
        transition(p, p.esimStatus.equals("GOT_RESOURCE") ? "UNUSED_EXPIRED" : "USED_EXPIRED", p.smdpStatus);
      }
    }
  }

  // ------------------------------------------------------------------ endpoints
  private volatile boolean topUpsAsSeenLive;

  /** esim/topup as a live integration saw it: 000001 for esimTranNo and for ids over 32 characters, 000104 for both identifiers or an amount. */
  public void topUpsAsSeenLive(boolean on) {
    topUpsAsSeenLive = on;
  }

  private volatile boolean baseListOmitsTopUps;

  /** package/list without a type answers the BASE list only (the doc's reading) instead of everything. */
  public void baseListOmitsTopUps(boolean on) {
    baseListOmitsTopUps = on;
  }

  public synchronized List<Map<String, Object>> packageList(Map<String, Object> q) {
    String loc = SimJson.str(q, "locationCode");
    String type = SimJson.str(q, "type");
    String code = SimJson.str(q, "packageCode");
    String slug = SimJson.str(q, "slug");
    String iccid = SimJson.str(q, "iccid");
    String dataType = SimJson.str(q, "dataType");
    String base = code != null ? code : slug;
    if (iccid != null) {
      base = profiles.values().stream().filter(p -> iccid.equals(p.iccid)).map(p -> p.packageCode).reduce((a, b) -> b).orElse("?");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (SimPackage p : catalog.values()) {
      if (type != null && !type.isEmpty() && !type.equals(p.type())) continue;
      if ((type == null || type.isEmpty()) && baseListOmitsTopUps && "TOPUP".equals(p.type())) continue;
      if (dataType != null && !dataType.equals(Integer.toString(p.dataType()))) continue;
      if (loc != null) {
        boolean match = loc.equals("!RG") ? p.locationCode().contains("-") && !p.locationCode().startsWith("GL")
            : loc.equals("!GL") ? p.locationCode().startsWith("GL") : loc.equals(p.locationCode());
        if (!match) continue;
      }
      if ("TOPUP".equals(type) && base != null) {
        if (!base.equals(p.baseCode())) continue;
      } else if (base != null && !base.equals(p.packageCode()) && !base.equals(p.slug())) {
        continue;
      }
      out.add(SimJson.packageJson(p));
    }
    return out;
  }

  public synchronized Map<String, Object> order(String transactionId, List<Map<String, Object>> lines, Long amount, String fingerprint) {
    Order existing = ordersByTxn.get(transactionId);
    if (existing != null) {
      if (!existing.fingerprint.equals(fingerprint)) {
        throw new SimError("200008", "transactionId " + transactionId + " was used for a different order");
      }
      if (replayedOrderError != null) {
        throw new SimError(replayedOrderError, "transactionId " + transactionId + " already exists");
      }
      return SimJson.content("orderNo", existing.orderNo, "transactionId", transactionId);
    }
    long total = 0;
    List<SimPackage> resolved = new ArrayList<>();
    for (Map<String, Object> line : lines) {
      String code = SimJson.str(line, "packageCode");
      SimPackage p = code == null ? null : catalog.values().stream()
          .filter(x -> x.packageCode().equals(code) || x.slug().equals(code)).findFirst().orElse(null);
      if (p == null || !"BASE".equals(p.type())) {
        throw new SimError("310241", "base data plan code:[" + code + "] doesn`t exist.");
      }
      Object price = line.get("price");
      if (price != null && ((Number) price).longValue() != p.price()) {
        throw new SimError("200005", "price error for " + code);
      }
      int count = ((Number) line.getOrDefault("count", 0)).intValue();
      if (count < 1) {
        throw new SimError("000105", "count is required");
      }
      Object period = line.get("periodNum");
      if (period == null && p.dataType() == 2 && dayPassRequiresPeriodNum) {
        throw new SimError("000105", "periodNum is required for a day pass");
      }
      int days = period == null ? 1 : ((Number) period).intValue();
      if (period != null && (days < 1 || days > 365)) {
        throw new SimError("200008", "periodNum out of range");
      }
      resolved.add(p);
      // The docs: amount = price x count. Whether a day pass's price is per day is an open question:
      // a switch (dayPassPricedPerDay) models the other reading.
      total += p.price() * count * (p.dataType() == 2 && dayPassPricedPerDay ? days : 1);
    }
    if (amount != null && amount != total) {
      throw new SimError("200006", "amount " + amount + " != " + total);
    }
    if (balance < total) {
      throw new SimError("200007", "insufficient account balance");
    }
    for (int i = 0; i < lines.size(); i++) {
      Integer left = inventory.get(resolved.get(i).packageCode());
      int count = ((Number) lines.get(i).get("count")).intValue();
      if (left != null && left < count) {
        throw new SimError("200011", "not enough inventory for " + resolved.get(i).packageCode());
      }
    }
    balance -= total;
    charges++;
    Order o = new Order();
    o.orderNo = "B" + ORDER_NO.format(clock.instant()) + String.format("%04d", ++counter % 10_000);
    while (ordersByNo.containsKey(o.orderNo)) {
      o.orderNo = "B" + String.format("%014d", ++counter);
    }
    o.transactionId = transactionId;
    o.fingerprint = fingerprint;
    o.createdAt = clock.instant();
    o.allocateAt = clock.instant().plus(allocationDelay);
    for (int i = 0; i < lines.size(); i++) {
      SimPackage p = resolved.get(i);
      int count = ((Number) lines.get(i).get("count")).intValue();
      inventory.computeIfPresent(p.packageCode(), (k, v) -> v - count);
      for (int n = 0; n < count; n++) {
        SimProfileState pr = new SimProfileState();
        long id = ++counter;
        pr.esimTranNo = String.format("%014d", 25_000_000_000_000L + id);
        pr.orderNo = o.orderNo;
        pr.transactionId = transactionId;
        pr.iccid = String.format("89852%014d", id % 5_000);  // recycled ICCIDs, like the provider's
        pr.imsi = String.format("4540%011d", id);
        pr.packageCode = p.packageCode();
        pr.price = p.price();
        pr.totalVolume = p.volume();
        pr.totalDuration = p.duration();
        o.profiles.add(pr);
        profiles.put(pr.esimTranNo, pr);
      }
    }
    ordersByNo.put(o.orderNo, o);
    ordersByTxn.put(transactionId, o);
    return SimJson.content("orderNo", o.orderNo, "transactionId", transactionId);
  }

  public synchronized Map<String, Object> query(Map<String, Object> q) {
    tick();
    Object pagerObj = q.get("pager");
    if (!(pagerObj instanceof Map<?, ?> pager)) {
      throw new SimError("000105", "pager is required");
    }
    int pageNum = ((Number) pager.get("pageNum")).intValue();
    int pageSize = ((Number) pager.get("pageSize")).intValue();
    if (pageNum < 1 || pageNum > 10_000 || pageSize < 5 || pageSize > 500) {
      throw new SimError("000107", "pager out of range");
    }
    List<SimProfileState> matching;
    String orderNo = SimJson.str(q, "orderNo");
    if (orderNo != null) {
      Order o = ordersByNo.get(orderNo);
      if (o == null) {
        throw new SimError("310272", "orderNo " + orderNo + " doesn`t exist");
      }
      if (!o.allocated) {
        throw new SimError("200010", "SimProfileState is being downloaded for the order");
      }
      matching = o.profiles;
    } else if (SimJson.str(q, "startTime") != null || SimJson.str(q, "endTime") != null) {
      Instant start = rangeTime(SimJson.str(q, "startTime"), "startTime");
      Instant end = rangeTime(SimJson.str(q, "endTime"), "endTime");
      matching = timeRangeFindsNothing ? List.of()
          : ordersByNo.values().stream().filter(o -> o.allocated && !o.createdAt.isBefore(start) && !o.createdAt.isAfter(end))
              .flatMap(o -> o.profiles.stream()).toList();
    } else {
      matching = profiles.values().stream().filter(p -> p.esimStatus != null && !p.esimStatus.equals("GETTING_RESOURCE"))
          .filter(p -> Objects.equals(p.esimTranNo, SimJson.str(q, "esimTranNo")) || Objects.equals(p.iccid, SimJson.str(q, "iccid")))
          .toList();
    }
    int from = Math.min((pageNum - 1) * pageSize, matching.size());
    List<Object> page = new ArrayList<>();
    for (SimProfileState p : matching.subList(from, Math.min(from + pageSize, matching.size()))) {
      page.add(SimJson.profileJson(p, catalog.get(p.packageCode), clock.instant(), topUpLineDelay));
    }
    return SimJson.content("esimList", page, "pager", SimJson.content("pageNum", pageNum, "pageSize", pageSize, "total", matching.size()));
  }

  /** A time-range bound as the docs write it ({@code 2010-06-30T01:20+00:00}); both bounds are required together. */
  private static Instant rangeTime(String text, String field) {
    if (text == null) {
      throw new SimError("000105", field + " is required with a time range");
    }
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw new SimError("000106", field + " is not an ISO time: " + text);
    }
  }

  /**
   * How a repeated order {@code transactionId} with the same request is answered: null returns the
   * first order (what the docs imply and two clients assert); an error code answers the replay with
   * that error instead (the undocumented alternative the SDK must survive).
   */
  private volatile boolean dayPassRequiresPeriodNum;

  /** Whether a day pass ordered without {@code periodNum} is refused (000105) instead of taken as one day. */
  public void dayPassRequiresPeriodNum(boolean on) {
    dayPassRequiresPeriodNum = on;
  }

  /** Whether a day pass costs its price per day of {@code periodNum} (false: price x count, as documented). */
  public synchronized void dayPassPricedPerDay(boolean on) {
    this.dayPassPricedPerDay = on;
  }

  public synchronized void replayedOrderError(String errorCode) {
    this.replayedOrderError = errorCode;
  }

  public synchronized void cancel(Map<String, Object> ref) {
    SimProfileState p = find(ref);
    if (!p.esimStatus.equals("GOT_RESOURCE") || !p.smdpStatus.equals("RELEASED")) {
      throw new SimError("200002", "the eSIM is " + p.esimStatus + "/" + p.smdpStatus + " and cannot be cancelled");
    }
    balance += p.price;
    transition(p, "CANCEL", "RELEASED");
  }

  public synchronized void suspend(Map<String, Object> ref) {
    SimProfileState p = find(ref);
    if (!Set.of("GOT_RESOURCE", "IN_USE").contains(p.esimStatus)) {
      throw new SimError("200002", "cannot suspend a " + p.esimStatus + " eSIM");
    }
    p.suspendedFrom = p.esimStatus;
    transition(p, "SUSPENDED", p.smdpStatus);
  }

  public synchronized void unsuspend(Map<String, Object> ref) {
    SimProfileState p = find(ref);
    if (!p.esimStatus.equals("SUSPENDED")) {
      throw new SimError("200002", "the eSIM is not suspended");
    }
    transition(p, p.suspendedFrom, p.smdpStatus);
  }

  public synchronized void revoke(Map<String, Object> ref) {
    SimProfileState p = find(ref);
    if (Set.of("CANCEL", "REVOKED", "USED_EXPIRED", "UNUSED_EXPIRED").contains(p.esimStatus)) {
      throw new SimError("200002", "the eSIM is already " + p.esimStatus);
    }
    transition(p, "REVOKED", p.smdpStatus);
  }

  /**
   * Whether a repeated top-up {@code transactionId} returns the first result (what one client
   * reports) or charges again (what the documentation leaves open).
   */
  public synchronized void deduplicateTopUps(boolean on) {
    this.deduplicateTopUps = on;
  }

  public synchronized void topUpLinesCarryTransactionId(boolean on) {
    this.topUpLinesCarryTransactionId = on;
  }

  public synchronized Map<String, Object> topUp(Map<String, Object> req) {
    String txn = SimJson.str(req, "transactionId");
    if (txn == null) {
      throw new SimError("000105", "transactionId is required");
    }
    Map<String, Object> earlier = topUpsByTxn.get(txn);
    if (earlier != null && deduplicateTopUps) {
      return earlier;
    }
    if (SimJson.str(req, "esimTranNo") == null && SimJson.str(req, "iccid") == null) {
      throw new SimError("200042", "iccid or esimTranNo is required");
    }
    if (topUpsAsSeenLive) {   // a live integration's report (Dec 2025), against the doc
      if (SimJson.str(req, "esimTranNo") != null && SimJson.str(req, "iccid") != null || req.get("amount") != null) {
        throw new SimError("000104", "invalid request");
      }
      if (SimJson.str(req, "esimTranNo") != null || txn.length() > 32) {
        throw new SimError("000001", "system error");
      }
    }
    SimProfileState p = find(req);
    String code = SimJson.str(req, "packageCode");
    SimPackage t = catalog.values().stream().filter(x -> x.packageCode().equals(code) || x.slug().equals(code)).findFirst()
        .orElseThrow(() -> new SimError("310241", "top-up plan " + code + " doesn`t exist"));
    if (!"TOPUP".equals(t.type())) {
      throw new SimError("310242", code + " is not a top-up package");   // seen live for a base plan's code
    }
    if (!p.packageCode.equals(t.baseCode())) {
      throw new SimError("200002", code + " does not fit this eSIM");
    }
    if (!Set.of("GOT_RESOURCE", "IN_USE", "USED_UP").contains(p.esimStatus)) {
      throw new SimError("200002", "cannot top up a " + p.esimStatus + " eSIM");
    }
    Object amount = req.get("amount");
    if (amount != null && Long.parseLong(amount.toString()) != t.price()) {
      throw new SimError("200005", "price error");
    }
    Object period = req.get("periodNum");   // documented as a String
    if (period == null && t.dataType() == 2 && dayPassRequiresPeriodNum) {
      throw new SimError("000105", "periodNum is required for a day pass");
    }
    int days = period == null ? t.duration() : Integer.parseInt(period.toString());
    if (days < 1 || days > 365) {
      throw new SimError("000107", "periodNum out of range");
    }
    long cost = t.price() * (t.dataType() == 2 && dayPassPricedPerDay && period != null ? days : 1);
    if (balance < cost) {
      throw new SimError("200007", "insufficient account balance");
    }
    balance -= cost;
    charges++;
    p.totalVolume += t.volume();
    p.totalDuration += days;
    p.expiredTime = (p.expiredTime == null ? clock.instant() : p.expiredTime).plus(Duration.ofDays(days));
    if (p.esimStatus.equals("USED_UP")) {
      transition(p, "IN_USE", p.smdpStatus);
    }
    String topUpTranNo = String.format("%014d", 26_000_000_000_000L + ++counter);
    p.topUps.add(SimJson.content("packageName", t.name(), "packageCode", t.packageCode(), "slug", t.slug(), "duration", t.duration(),
        "volume", t.volume(), "locationCode", t.locationCode(), "createTime", SimJson.TIME.format(clock.instant()),
        "esimTranNo", topUpTranNo, "transactionId", topUpLinesCarryTransactionId ? txn : null));
    Map<String, Object> result = SimJson.content("transactionId", txn, "iccid", p.iccid, "expiredTime", SimJson.TIME.format(p.expiredTime),
        "totalVolume", p.totalVolume, "totalDuration", p.totalDuration, "orderUsage", p.orderUsage,
        "topUpEsimTranNo", topUpsAsSeenLive ? null : topUpTranNo);   // the live report had none
    topUpsByTxn.put(txn, result);
    return result;
  }

  public synchronized List<Map<String, Object>> usage(List<String> tranNos) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String t : tranNos) {
      SimProfileState p = profiles.get(t);
      if (p != null) {
        out.add(SimJson.content("esimTranNo", t, "dataUsage", p.orderUsage, "totalData", p.totalVolume, "lastUpdateTime", SimJson.TIME.format(clock.instant())));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ device side
  public synchronized void download(String esimTranNo) {
    SimProfileState p = ready(esimTranNo);
    p.eid = "8904" + UUID.nameUUIDFromBytes(esimTranNo.getBytes()).toString().replace("-", "").substring(0, 28);
    smdp(p, "DOWNLOAD");
  }

  public synchronized void install(String esimTranNo) {
    smdp(ready(esimTranNo), "INSTALLATION");
  }

  public synchronized void enable(String esimTranNo) {
    SimProfileState p = ready(esimTranNo);
    smdp(p, "ENABLED");
  }

  /** The device uses {@code bytes}: IN_USE on first use, USED_UP at the allowance; DATA_USAGE at 50/20/10 % left. */
  public synchronized void use(String esimTranNo, long bytes) {
    SimProfileState p = ready(esimTranNo);
    if (!Set.of("GOT_RESOURCE", "IN_USE").contains(p.esimStatus)) {
      throw new IllegalStateException("a " + p.esimStatus + " eSIM cannot use data");
    }
    if (p.esimStatus.equals("GOT_RESOURCE")) {
      p.activateTime = clock.instant();
      p.expiredTime = clock.instant().plus(Duration.ofDays(p.totalDuration));
      p.smdpStatus = "ENABLED";
      transition(p, "IN_USE", "ENABLED");
    }
    p.orderUsage = Math.min(p.totalVolume, p.orderUsage + bytes);
    double left = 1.0 - (double) p.orderUsage / p.totalVolume;
    for (double threshold : new double[] {0.5, 0.2, 0.1}) {
      if (left <= threshold && p.thresholdsSent.add(threshold)) {
        outbox.add(notify("DATA_USAGE", SimJson.content("orderNo", p.orderNo, "transactionId", p.transactionId, "esimTranNo", p.esimTranNo,
            "iccid", p.iccid, "totalVolume", p.totalVolume, "orderUsage", p.orderUsage, "remain", p.totalVolume - p.orderUsage,
            "remainThreshold", threshold, "lastUpdateTime", SimJson.TIME.format(clock.instant()))));
      }
    }
    if (p.orderUsage >= p.totalVolume) {
      transition(p, "USED_UP", p.smdpStatus);
    }
  }

  // ------------------------------------------------------------------ helpers
  private SimProfileState ready(String esimTranNo) {
    tick();
    SimProfileState p = profiles.get(esimTranNo);
    if (p == null || p.esimStatus.equals("GETTING_RESOURCE")) {
      throw new IllegalStateException("no allocated profile " + esimTranNo);
    }
    return p;
  }

  private SimProfileState find(Map<String, Object> ref) {
    tick();
    String tran = SimJson.str(ref, "esimTranNo");
    String iccid = SimJson.str(ref, "iccid");
    SimProfileState p = tran != null ? profiles.get(tran)
        : profiles.values().stream().filter(x -> iccid != null && iccid.equals(x.iccid)).reduce((a, b) -> b).orElse(null);
    if (p == null) {
      throw new SimError(tran != null ? "310403" : "310409", "no such eSIM");
    }
    if (p.esimStatus.equals("GETTING_RESOURCE")) {
      throw new SimError("200010", "SimProfileState is being downloaded for the order");
    }
    return p;
  }

  private void transition(SimProfileState p, String esimStatus, String smdpStatus) {
    p.esimStatus = esimStatus;
    p.smdpStatus = smdpStatus;
    outbox.add(notify("ESIM_STATUS", SimJson.content("orderNo", p.orderNo, "transactionId", p.transactionId, "esimTranNo", p.esimTranNo,
        "iccid", p.iccid, "esimStatus", esimStatus, "smdpStatus", smdpStatus, "totalVolume", p.totalVolume, "orderUsage", p.orderUsage)));
  }

  private void smdp(SimProfileState p, String smdpStatus) {
    p.smdpStatus = smdpStatus;
    outbox.add(notify("SMDP_EVENT", SimJson.content("eid", p.eid, "iccid", p.iccid, "orderNo", p.orderNo, "esimTranNo", p.esimTranNo,
        "transactionId", p.transactionId, "esimStatus", p.esimStatus, "smdpStatus", smdpStatus,
        "timestamp", SimJson.TIME.format(clock.instant()), "seqNumber", ++seq)));
  }

  private Map<String, Object> notify(String type, Map<String, Object> content) {
    return SimJson.content("notifyType", type, "notifyId", UUID.randomUUID().toString().replace("-", ""),
        "eventGenerateTime", DateTimeFormatter.ISO_INSTANT.format(clock.instant().plusNanos(++seq)), "content", content);
  }
}
