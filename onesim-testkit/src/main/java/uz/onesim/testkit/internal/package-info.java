/** Implementation details of {@code onesim-testkit}; not API. */
package uz.onesim.testkit.internal;
