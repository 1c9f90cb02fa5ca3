package uz.onesim.client;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One integration credential of a partner as anyone may see it: never the secret, which exists
 * only in the key shown once at issue (docs/identity.md).
 *
 * @param createdBy the user (partner owner or admin) the backend issued it for, or null
 * @param revokedAt when it was revoked (it acts for nobody since), or null while live
 * @param lastSignInAt when a server last signed in with it, or null if never
 */
public record PartnerCredential(UUID id, String label, UUID createdBy, OffsetDateTime createdAt, OffsetDateTime revokedAt,
    OffsetDateTime lastSignInAt) {

  /** True until revoked. */
  public boolean live() {
    return revokedAt == null;
  }
}
