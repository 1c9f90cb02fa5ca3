package uz.onesim.testkit;

import java.util.UUID;

/** A partner created by {@link LocalSupabase#createPartner}: its user, its partner row, its sign-in email. */
public record PartnerAccount(UUID userId, UUID partnerId, String email) {}
