/**
 * Supabase Auth for the SDK: sign-up, sign-in, sessions that refresh themselves, sign-out, the
 * current user, and the admin user calls of OneSIM's backend. {@link uz.onesim.client.auth.AuthClient}
 * speaks the GoTrue API under {@code /auth/v1} (docs/identity.md lists what we rely on);
 * {@link uz.onesim.client.auth.RefreshingSession} keeps an access token valid for any number of
 * threads with one refresh in flight. Tokens and passwords never appear in {@code toString()}, logs
 * or exception messages.
 */
package uz.onesim.client.auth;
