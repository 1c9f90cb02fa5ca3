package uz.onesim.client;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.money.MonetaryAmount;
import uz.onesim.core.Amounts;

/**
 * One line of a partner's append-only account ledger: a {@code funding} (a bank transfer into the
 * balance, by an admin), a {@code purchase} (one order or eSIM top-up, negative), a {@code refund} (a failed or cancelled paid
 * order, once) or an {@code adjustment} (by an admin, with a reason).
 */
public record LedgerEntry(long id, String kind, MonetaryAmount amount, UUID orderId, String reference, String reason,
    OffsetDateTime createdAt) {

  /** The row as PostgREST returns it. */
  record Row(long id, String kind, BigDecimal amountUsd, UUID orderId, String reference, String reason, OffsetDateTime createdAt) {
    LedgerEntry toEntry() {
      return new LedgerEntry(id, kind, Amounts.usd(amountUsd), orderId, reference, reason, createdAt);
    }
  }

  static final String COLUMNS = "id,kind,amount_usd,order_id,reference,reason,created_at";
}
