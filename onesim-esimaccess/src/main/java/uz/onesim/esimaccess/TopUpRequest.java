package uz.onesim.esimaccess;

import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * {@code esim/topup}: add the TOPUP plan {@code packageCode} to {@code target}. The
 * {@code transactionId} names this top-up; the provider does not document de-duplicating on it, so
 * the client never replays a top-up blindly ({@link EsimAccessClient#topUp}).
 *
 * @param amount the expected price (checked by the provider), or null
 * @param periodNum days to extend a day pass, or null
 */
public record TopUpRequest(EsimRef target, String packageCode, String transactionId, MonetaryAmount amount, Integer periodNum) {
  public TopUpRequest {
    Objects.requireNonNull(target, "target == null");
    Objects.requireNonNull(packageCode, "packageCode == null");
    EsimAccessClient.checkTransactionId(transactionId);
  }
}
