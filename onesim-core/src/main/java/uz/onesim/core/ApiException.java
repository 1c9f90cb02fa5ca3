package uz.onesim.core;

/**
 * A remote service (PostgREST, eSIM Access) refused or failed a request. Carries what is needed to
 * act on it and to ask the service's support about it: the HTTP status (0 when no response came),
 * the remote error code, the request id, the remote details and hint, and a capped excerpt of the
 * raw body. Never a key, a token or a request header.
 */
public class ApiException extends OneSimException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_EXCERPT = 300;

  private final int status;
  private final String code;
  private final String requestId;
  private final String details;
  private final String hint;
  private final String bodyExcerpt;

  public ApiException(String message, int status, String code, String requestId, String details, String hint,
      String body, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    this.details = details;
    this.hint = hint;
    this.bodyExcerpt = excerpt(body);
  }

  /** HTTP status, or 0 when the request got no response. */
  public int status() {
    return status;
  }

  /** The service's own code (SQLSTATE or {@code PGRSTxxx} for PostgREST, {@code errorCode} for eSIM Access). */
  public String code() {
    return code;
  }

  /** The request id the server gave, for support, or null. */
  public String requestId() {
    return requestId;
  }

  /** The stable machine code, e.g. {@code idempotency_key_reused}, or null. */
  public String details() {
    return details;
  }

  /** The server's hint, or null. */
  public String hint() {
    return hint;
  }

  /** The first characters of the response body, for diagnosis. */
  public String bodyExcerpt() {
    return bodyExcerpt;
  }

  /** Whether repeating the same request later may succeed. */
  public boolean isRetryable() {
    return false;
  }

  static String excerpt(String body) {
    if (body == null) {
      return null;
    }
    String oneLine = body.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= MAX_EXCERPT ? oneLine : oneLine.substring(0, MAX_EXCERPT) + "…";
  }
}
