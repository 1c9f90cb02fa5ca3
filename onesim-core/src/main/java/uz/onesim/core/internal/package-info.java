/** Implementation details of {@code onesim-core}; not API, may change without notice. */
package uz.onesim.core.internal;
