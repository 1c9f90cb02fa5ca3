package uz.onesim.client.postgrest;

/**
 * The raw outcome of a successful call: status, body text, the total when a count was asked for,
 * and the server's request id if it sent one.
 */
public record PostgrestResponse(int status, String body, Long total, String requestId) {}
