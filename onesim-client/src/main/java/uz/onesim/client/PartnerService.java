package uz.onesim.client;

import java.util.LinkedHashMap;
import java.util.Map;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.core.NotFoundException;

/**
 * The signed-in partner's own account. Rates, totals and status are OneSIM's to set; the database
 * refuses a partner's change to them ({@link uz.onesim.core.PermissionException}). Thread-safe.
 */
public final class PartnerService {
  private final PostgrestClient db;

  PartnerService(PostgrestClient db) {
    this.db = db;
  }

  /** The partner's webhooks: endpoints, secrets, deliveries, replay. */
  public WebhookService webhooks() {
    return new WebhookService(db);
  }

  /** The partner's integration credentials, newest first, with each one's last sign-in (never a secret). */
  public java.util.List<PartnerCredential> credentials() {
    return db.rpc("partner_credentials_list", java.util.Map.of()).list(PartnerCredential.class);
  }

  /**
   * The signed-in partner's profile.
   *
   * @throws NotFoundException with code {@code not_a_partner} when the signed-in user runs no partner
   */
  public PartnerProfile get() {
    return db.from("partners").select("*").maybeOne(PartnerProfile.Row.class).map(PartnerProfile.Row::toProfile)
        .orElseThrow(PartnerService::notAPartner);
  }

  /** How the partner's deliveries are doing: webhooks, installation details, notices (pending, failed, last error). */
  public DeliveryHealth deliveryHealth() {
    return db.from("v_delivery_health").select("*").maybeOne(DeliveryHealth.class).orElseThrow(PartnerService::notAPartner);
  }

  /** The prepaid account: balance, credit limit, what can be spent now. */
  public AccountBalance balance() {
    return db.from("partners").select("balance_usd,credit_limit_usd,low_balance_threshold_usd").maybeOne(AccountBalance.Row.class)
        .orElseThrow(() -> new NotFoundException("the signed-in user is not a partner", 404, "not_a_partner", null,
            "not_a_partner", null, null)).toBalance();
  }

  /** The newest {@code limit} ledger lines (≤ 1 000), newest first. */
  public java.util.List<LedgerEntry> ledger(int limit) {
    return db.from("partner_ledger").select(LedgerEntry.COLUMNS).order("id", false).limit(uz.onesim.core.Limits.requireRows(limit))
        .list(LedgerEntry.Row.class).stream().map(LedgerEntry.Row::toEntry).toList();
  }

  /** The statement of {@code month} (UTC), reconciled to the ledger. */
  public PartnerStatement statement(java.time.YearMonth month) {
    return PartnerStatement.from(db.rpc("partner_statement", Map.of("p_month", month.atDay(1).toString())).get().json());
  }

  /**
   * The ledger lines of {@code month} as CSV, each purchase and refund with the money of its order
   * or top-up (package, retail, discount, paid in USD and som, the FX), streamed page by page:
   * constant memory however long the month.
   */
  public void ledgerCsv(java.time.YearMonth month, Appendable out) throws java.io.IOException {
    java.time.OffsetDateTime from = month.atDay(1).atStartOfDay().atOffset(java.time.ZoneOffset.UTC);
    out.append("id,created_at,kind,amount_usd,order_id,package_code,retail_usd,discount_usd,paid_usd,fx_rate_uzs,"
        + "retail_uzs,discount_uzs,paid_uzs,reference,reason\n");
    var rows = db.from("partner_ledger").select(CsvRow.COLUMNS).gte("created_at", from).lt("created_at", from.plusMonths(1))
        .stream(CsvRow.class, "id", 1000).iterator();
    while (rows.hasNext()) {
      CsvRow r = rows.next();
      CsvRow.OrderMoney o = r.orders();
      out.append(Long.toString(r.id())).append(',').append(r.createdAt().toString()).append(',').append(r.kind()).append(',')
          .append(r.amountUsd().toPlainString()).append(',').append(r.orderId() == null ? "" : r.orderId().toString());
      CsvRow.TopUpMoney t = r.topups();
      if (o == null && t != null) {   // a top-up: its own price, priced by the same rule
        out.append(',').append(csv(t.packageCode())).append(',').append(plain(t.retailUsd())).append(',')
            .append(plain(t.discountUsd())).append(',').append(plain(t.paidUsd())).append(',').append(plain(t.fxRateUzs()))
            .append(',').append(som(t.retailUzs())).append(',').append(som(t.discountUzs())).append(',').append(som(t.paidUzs()));
      } else if (o == null) {
        out.append(",,,,,,,,");
      } else {
        // retail in som = paid + discount: the rule's own identity, no rounding here
        java.math.BigDecimal retailUzs = o.priceUzs() == null || o.discountAmountUzs() == null ? null : o.priceUzs().add(o.discountAmountUzs());
        out.append(',').append(csv(o.packageCode())).append(',').append(plain(o.retailPriceOverrideUsd())).append(',')
            .append(plain(o.discountAmountUsd())).append(',').append(plain(o.priceUsd())).append(',').append(plain(o.fxRateUzs()))
            .append(',').append(som(retailUzs)).append(',').append(som(o.discountAmountUzs())).append(',').append(som(o.priceUzs()));
      }
      out.append(',').append(csv(r.reference())).append(',').append(csv(r.reason())).append('\n');
    }
  }

  /** What a user without a partner account gets from the partner's own calls. */
  private static NotFoundException notAPartner() {
    return new NotFoundException("the signed-in user is not a partner (no partner account belongs to it)", 404, "not_a_partner",
        null, "not_a_partner", null, null);
  }

  private static String plain(java.math.BigDecimal v) {
    return v == null ? "" : v.toPlainString();
  }

  /** Whole som, as every som amount is (price_uzs is stored with 2 decimals by the legacy schema). */
  private static String som(java.math.BigDecimal v) {
    return v == null ? "" : v.setScale(0, java.math.RoundingMode.UNNECESSARY).toPlainString();
  }

  /** A ledger line with the money of its order (purchases and refunds), for the statement CSV. */
  record CsvRow(long id, java.time.OffsetDateTime createdAt, String kind, java.math.BigDecimal amountUsd, java.util.UUID orderId,
      String reference, String reason, OrderMoney orders, TopUpMoney topups) {
    static final String COLUMNS = "id,created_at,kind,amount_usd,order_id,reference,reason,"
        + "orders(package_code,retail_price_override_usd,discount_amount_usd,price_usd,fx_rate_uzs,price_uzs,discount_amount_uzs),"
        + "topups(package_code,retail_usd,discount_usd,paid_usd,fx_rate_uzs,retail_uzs,discount_uzs,paid_uzs)";

    record TopUpMoney(String packageCode, java.math.BigDecimal retailUsd, java.math.BigDecimal discountUsd, java.math.BigDecimal paidUsd,
        java.math.BigDecimal fxRateUzs, java.math.BigDecimal retailUzs, java.math.BigDecimal discountUzs, java.math.BigDecimal paidUzs) {}

    record OrderMoney(String packageCode, java.math.BigDecimal retailPriceOverrideUsd, java.math.BigDecimal discountAmountUsd,
        java.math.BigDecimal priceUsd, java.math.BigDecimal fxRateUzs, java.math.BigDecimal priceUzs, java.math.BigDecimal discountAmountUzs) {}
  }


  private static String csv(String s) {
    if (s == null) {
      return "";
    }
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }

  /** Updates contact fields; null arguments are left as they are. */
  public PartnerProfile updateContact(String businessEmail, String businessPhone, String website) {
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("business_email", businessEmail);
    patch.put("business_phone", businessPhone);
    patch.put("website", website);
    patch.values().removeIf(java.util.Objects::isNull);
    PartnerProfile me = get();
    return db.from("partners").update(patch).eq("id", me.id()).select("*").one(PartnerProfile.Row.class).toProfile();
  }
}
