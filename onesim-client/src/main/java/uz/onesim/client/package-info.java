/**
 * The OneSIM client: talks to Supabase through PostgREST with the caller's JWT, so Row Level
 * Security applies. The generic PostgREST layer is {@link uz.onesim.client.postgrest}; the business
 * flows build on it.
 */
package uz.onesim.client;
