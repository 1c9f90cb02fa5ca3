/**
 * Real parts for tests and demos: an embedded PostgreSQL with a Supabase-like {@code auth} schema
 * and the OneSIM migrations ({@link uz.onesim.testkit.LocalPostgres}).
 */
package uz.onesim.testkit;
