/**
 * OneSIM's backend: what only OneSIM's servers run, with the Supabase service key and the eSIM
 * Access credentials. Start at {@link uz.onesim.backend.OneSimBackend}. Partners and consumers use
 * {@code uz.onesim.client} instead; this module is the trust boundary in the artifact graph
 * ({@code docs/architecture.md}).
 */
package uz.onesim.backend;
