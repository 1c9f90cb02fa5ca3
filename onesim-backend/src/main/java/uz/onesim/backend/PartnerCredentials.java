package uz.onesim.backend;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import uz.onesim.client.PartnerCredential;
import uz.onesim.client.auth.AuthClient;
import uz.onesim.client.auth.AuthUser;
import uz.onesim.client.auth.PartnerApiKey;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.core.NotFoundException;
import uz.onesim.core.ValidationException;

/**
 * Integration credentials for partners' servers, issued, rotated and revoked by OneSIM's backend
 * (the Reseller webapp's server on behalf of a signed-in partner owner, or for an admin). A
 * credential is a dedicated Supabase Auth user whose password is a 256-bit random secret; the key
 * {@code osk_<id>_<secret>} is returned once and stored nowhere (Supabase keeps a bcrypt hash). The
 * partner's server signs in with {@code OneSim.signInWithApiKey}. Revoking takes effect in the
 * database at once and stops sign-in and refresh (docs/identity.md). Thread-safe.
 */
public final class PartnerCredentials {
  /** How long a revoked credential's Auth user stays banned: effectively for ever. */
  static final Duration BAN = Duration.ofDays(36_500);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final PostgrestClient service;
  private final AuthClient auth;

  PartnerCredentials(PostgrestClient service, AuthClient auth) {
    this.service = service;
    this.auth = auth;
  }

  /**
   * Issues a credential for {@code partnerId}, labelled (e.g. "booking engine, production"), on
   * behalf of {@code issuedBy} (the owner or admin who asked; may be null for a system job).
   *
   * @throws ValidationException for a blank or over-long label
   * @throws NotFoundException {@code unknown_partner} when the partner does not exist
   */
  public IssuedCredential issue(UUID partnerId, String label, UUID issuedBy) {
    Objects.requireNonNull(partnerId, "partnerId == null");
    if (label == null || label.isBlank() || label.length() > 100) {
      throw new ValidationException("label", "invalid_label", "a label is 1 to 100 characters");
    }
    if (service.from("partners").select("id").eq("id", partnerId).list(Id.class).isEmpty()) {
      throw new NotFoundException("no partner " + partnerId, 404, "PT404", null, "unknown_partner", "partner_id", null);
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    UUID id = UUID.randomUUID();
    PartnerApiKey key = PartnerApiKey.of(id, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    AuthUser user = auth.adminCreateUser(key.loginEmail(), key.secret(),
        Map.of("partner_id", partnerId.toString(), "kind", "integration"));
    try {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", id);
      row.put("partner_id", partnerId);
      row.put("user_id", user.id());
      row.put("label", label.strip());
      row.put("created_by", issuedBy);
      service.from("partner_credentials").insert(row).execute();
    } catch (RuntimeException e) {
      auth.adminDeleteUser(user.id());   // no Auth user without its record
      throw e;
    }
    return new IssuedCredential(id, partnerId, label.strip(), key);
  }

  /** The credentials of {@code partnerId}, newest first, with each one's last sign-in. */
  public List<PartnerCredential> list(UUID partnerId) {
    return service.rpc("partner_credentials_list", Map.of("p_partner_id", partnerId)).list(PartnerCredential.class);
  }

  /**
   * Revokes a credential: from now on its sessions act for nobody, and it can neither sign in nor
   * refresh. Revoking twice changes nothing.
   *
   * @throws NotFoundException {@code unknown_credential}
   */
  public void revoke(UUID credentialId) {
    Row row = row(credentialId);
    if (row.revokedAt() == null) {
      service.from("partner_credentials").update(Map.of("revoked_at", OffsetDateTime.now())).eq("id", credentialId)
          .is("revoked_at", (Boolean) null).execute();
    }
    if (row.userId() != null) {
      auth.adminBanUser(row.userId(), BAN);
    }
  }

  /** Issues a new credential with the same label for the same partner, then revokes the old one. */
  public IssuedCredential rotate(UUID credentialId, UUID issuedBy) {
    Row old = row(credentialId);
    if (old.revokedAt() != null) {
      throw new ValidationException("credentialId", "revoked", "a revoked credential cannot be rotated; issue a new one");
    }
    IssuedCredential next = issue(old.partnerId(), old.label(), issuedBy);
    revoke(credentialId);
    return next;
  }

  private Row row(UUID credentialId) {
    List<Row> rows = service.from("partner_credentials").select("partner_id,user_id,label,revoked_at")
        .eq("id", Objects.requireNonNull(credentialId, "credentialId == null")).list(Row.class);
    if (rows.isEmpty()) {
      throw new NotFoundException("no credential " + credentialId, 404, "PT404", null, "unknown_credential", "credential_id", null);
    }
    return rows.get(0);
  }

  record Row(UUID partnerId, UUID userId, String label, OffsetDateTime revokedAt) {}

  record Id(UUID id) {}
}
