package uz.onesim.esimaccess;

import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * {@code esim/topup}: add the TOPUP plan {@code packageCode} to {@code target}. The provider
 * de-duplicates on {@code transactionId}; retries reuse it.
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
