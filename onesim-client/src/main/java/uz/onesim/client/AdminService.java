package uz.onesim.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.core.DiscountRate;
import uz.onesim.core.PartnerStatus;

/**
 * What a signed-in OneSIM administrator does with partner accounts: review applications and
 * change a partner's standing. Runs with the admin's own session (not the service key); the
 * database checks the admin, the lifecycle ({@link PartnerStatus#next()}) and records every change
 * with who, when and why. Thread-safe.
 */
public final class AdminService {
  private static final String PARTNER_COLUMNS = "*";
  private final PostgrestClient db;

  AdminService(PostgrestClient db) {
    this.db = db;
  }

  /** Every partner's delivery health, the ones with failures first. */
  public List<DeliveryHealth> deliveryHealth() {
    return db.from("v_delivery_health").select("*").order("webhooks_failed", false).order("notices_failed", false)
        .order("company_name", true).list(DeliveryHealth.class);
  }

  /** Applications waiting for a decision, oldest first. */
  public List<PartnerProfile> applications() {
    return db.from("partners").select(PARTNER_COLUMNS).eq("status", PartnerStatus.PENDING_APPROVAL.wire())
        .order("created_at", true).list(PartnerProfile.Row.class).stream().map(PartnerProfile.Row::toProfile).toList();
  }

  /** Approves an application at the default rate. */
  public PartnerProfile approve(UUID partnerId) {
    return review(partnerId, PartnerStatus.ACTIVE, null, null);
  }

  /** Approves an application at {@code customRate} (at most 50 %; docs/decisions/0007). */
  public PartnerProfile approve(UUID partnerId, DiscountRate customRate) {
    return review(partnerId, PartnerStatus.ACTIVE, null, java.util.Objects.requireNonNull(customRate,
        "customRate == null: use approve(partnerId) for the default rate"));
  }

  /** Refuses an application; {@code reason} is kept and shown to the applicant. */
  public PartnerProfile reject(UUID partnerId, String reason) {
    return review(partnerId, PartnerStatus.REJECTED, reason, null);
  }

  /** Stops an active partner for now (it cannot order, nor change customers or groups). */
  public PartnerProfile suspend(UUID partnerId, String reason) {
    return review(partnerId, PartnerStatus.SUSPENDED, reason, null);
  }

  /** Lets a suspended partner work again. */
  public PartnerProfile reactivate(UUID partnerId) {
    return review(partnerId, PartnerStatus.ACTIVE, null, null);
  }

  /** Closes a partner account for good. */
  public PartnerProfile deactivate(UUID partnerId, String reason) {
    return review(partnerId, PartnerStatus.DEACTIVATED, reason, null);
  }

  /** The partner's standing history, oldest first. */
  public List<PartnerStatusChange> history(UUID partnerId) {
    return db.from("partner_status_changes").select("partner_id,from_status,to_status,reason,custom_discount_rate,actor_id,created_at")
        .eq("partner_id", partnerId).order("id", true).list(PartnerStatusChange.Row.class).stream()
        .map(PartnerStatusChange.Row::toChange).toList();
  }

  /**
   * Funds a partner's balance with a bank transfer ({@code bankReference} is kept); at most
   * 1 000 000.00 USD per entry. Not to be confused with an eSIM top-up ({@link TopUpService}).
   */
  public LedgerEntry fundBalance(UUID partnerId, javax.money.MonetaryAmount amount, String bankReference) {
    return entry(partnerId, "funding", amount, bankReference, null);
  }

  /** Corrects a partner's account by {@code amount} (positive or negative) with a reason. */
  public LedgerEntry adjust(UUID partnerId, javax.money.MonetaryAmount amount, String reason) {
    return entry(partnerId, "adjustment", amount, null, reason);
  }

  /** How far below zero the partner's balance may go (0 for prepaid only). */
  public void setCreditLimit(UUID partnerId, javax.money.MonetaryAmount limit) {
    db.from("partners").update(Map.of("credit_limit_usd", uz.onesim.core.Amounts.decimal(limit))).eq("id", partnerId).execute();
  }

  /** Warns (a balance_low alert) when the partner's balance falls below {@code threshold}; null for no warning. */
  public void setLowBalanceThreshold(UUID partnerId, javax.money.MonetaryAmount threshold) {
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("low_balance_threshold_usd", threshold == null ? null : uz.onesim.core.Amounts.decimal(threshold));
    db.from("partners").update(patch).eq("id", partnerId).execute();
  }

  /** Every partner's account: balance, credit, credit in use, threshold, since when it is low. */
  public List<PartnerBalance> balances() {
    return db.from("v_partner_balances").select(PartnerBalance.COLUMNS).order("company_name", true).order("partner_id", true)
        .list(PartnerBalance.Row.class).stream().map(PartnerBalance.Row::toBalance).toList();
  }

  private LedgerEntry entry(UUID partnerId, String kind, javax.money.MonetaryAmount amount, String reference, String reason) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("p_partner_id", partnerId);
    args.put("p_kind", kind);
    args.put("p_amount", uz.onesim.core.Amounts.decimal(amount));
    args.put("p_reference", reference);
    args.put("p_reason", reason);
    return db.rpc("partner_account_entry", args).one(LedgerEntry.Row.class).toEntry();
  }

  private PartnerProfile review(UUID partnerId, PartnerStatus to, String reason, DiscountRate customRate) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("p_partner_id", partnerId);
    args.put("p_to_status", to.wire());
    args.put("p_reason", reason);
    args.put("p_custom_discount_rate", customRate == null ? null : customRate.percent());
    return db.rpc("review_partner", args).one(PartnerProfile.Row.class).toProfile();
  }
}
