/** Implementation details of {@code onesim-client}; not API. */
package uz.onesim.client.internal;
