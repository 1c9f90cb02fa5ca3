/**
 * Talks to Supabase through PostgREST with the caller's JWT and composes the business flows.
 * Not built yet: see the onesim-client issues.
 */
package uz.onesim.client;
