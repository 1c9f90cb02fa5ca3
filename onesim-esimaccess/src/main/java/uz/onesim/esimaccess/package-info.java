/**
 * Client for the eSIM Access provider API (catalogue, order, query, cancel, top-up, balance,
 * usage, webhooks), used only by OneSIM's own backend. Not built yet: see the eSIM Access issue.
 */
package uz.onesim.esimaccess;
