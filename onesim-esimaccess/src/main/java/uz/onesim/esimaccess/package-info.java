/**
 * Client for the eSIM Access provider API (catalogue, order, query, cancel, top-up, balance,
 * usage, webhooks), used only by OneSIM's own backend: {@link uz.onesim.esimaccess.EsimAccessClient}.
 * Money is converted from the provider's units (1/10 000 USD) in {@link uz.onesim.esimaccess.ProviderMoney}
 * only; errors are {@link uz.onesim.esimaccess.ProviderException}s and the SDK's transport categories.
 */
package uz.onesim.esimaccess;
