/** Implementation details of {@code onesim-esimaccess}; not API. */
package uz.onesim.esimaccess.internal;
