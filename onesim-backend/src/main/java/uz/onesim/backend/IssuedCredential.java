package uz.onesim.backend;

import java.util.UUID;
import uz.onesim.client.auth.PartnerApiKey;

/**
 * A credential just issued: the only moment its key exists outside the partner's server. Hand
 * {@link #apiKey()} to the partner once (show it, never store or log it). {@code toString()} omits it.
 */
public record IssuedCredential(UUID id, UUID partnerId, String label, PartnerApiKey key) {
  /** The key to give the partner: {@code osk_<id>_<secret>}. */
  public String apiKey() {
    return key.value();
  }

  @Override
  public String toString() {
    return "IssuedCredential{id=" + id + ", partner=" + partnerId + ", label=" + label + ", key redacted}";
  }
}
