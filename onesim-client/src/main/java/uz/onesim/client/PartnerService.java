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
    return db.from("partners").select("*").maybeOne(PartnerProfile.class).orElseThrow(() -> new NotFoundException(
        "the signed-in user is not a partner (no partner account belongs to it)", 404, "not_a_partner", null,
        "not_a_partner", null, null));
  }

  /** The prepaid account: balance, credit limit, what can be spent now. */
  public AccountBalance balance() {
    return db.from("partners").select("balance_usd,credit_limit_usd,low_balance_threshold_usd").maybeOne(AccountBalance.Row.class)
        .orElseThrow(() -> new NotFoundException("the signed-in user is not a partner", 404, "not_a_partner", null,
            "not_a_partner", null, null)).toBalance();
  }

  /** The newest {@code limit} ledger lines (≤ 1 000), newest first. */
  public java.util.List<LedgerEntry> ledger(int limit) {
    return db.from("partner_ledger").select(LedgerEntry.COLUMNS).order("id", false).limit(Math.min(Math.max(limit, 1), 1000))
        .list(LedgerEntry.Row.class).stream().map(LedgerEntry.Row::toEntry).toList();
  }

  /** The statement of {@code month} (UTC), reconciled to the ledger. */
  public PartnerStatement statement(java.time.YearMonth month) {
    return PartnerStatement.from(db.rpc("partner_statement", Map.of("p_month", month.atDay(1).toString())).get().json());
  }

  /**
   * The ledger lines of {@code month} as CSV ({@code id,created_at,kind,amount_usd,order_id,reference,reason}),
   * streamed page by page: constant memory however long the month.
   */
  public void ledgerCsv(java.time.YearMonth month, Appendable out) throws java.io.IOException {
    java.time.OffsetDateTime from = month.atDay(1).atStartOfDay().atOffset(java.time.ZoneOffset.UTC);
    out.append("id,created_at,kind,amount_usd,order_id,reference,reason\n");
    var rows = db.from("partner_ledger").select(LedgerEntry.COLUMNS).gte("created_at", from).lt("created_at", from.plusMonths(1))
        .stream(LedgerEntry.Row.class, "id", 1000).iterator();
    while (rows.hasNext()) {
      LedgerEntry e = rows.next().toEntry();
      out.append(Long.toString(e.id())).append(',').append(e.createdAt().toString()).append(',').append(e.kind()).append(',')
          .append(uz.onesim.core.Amounts.decimal(e.amount()).toPlainString()).append(',')
          .append(e.orderId() == null ? "" : e.orderId().toString()).append(',').append(csv(e.reference())).append(',')
          .append(csv(e.reason())).append('\n');
    }
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
    return db.from("partners").update(patch).eq("id", me.id()).select("*").one(PartnerProfile.class);
  }
}
