/**
 * A PostgREST client for Java on OkHttp and Jackson, with no OneSIM business in it:
 * {@link uz.onesim.client.postgrest.PostgrestClient} (configuration, auth, retries) and
 * {@link uz.onesim.client.postgrest.PostgrestQuery} (the query grammar, writes, RPC, decoding).
 * Errors are the SDK's {@link uz.onesim.core.ApiException} categories.
 */
package uz.onesim.client.postgrest;
