/**
 * Real parts for tests and demos. {@link uz.onesim.testkit.LocalPostgres} runs an embedded
 * PostgreSQL 17 with a small Supabase-compatible {@code auth} schema and the OneSIM migrations;
 * {@link uz.onesim.testkit.LocalDatabase} runs SQL as any {@link uz.onesim.testkit.Identity}
 * (anon, a signed-in user, the service role) exactly as PostgREST would set it up.
 */
package uz.onesim.testkit;
