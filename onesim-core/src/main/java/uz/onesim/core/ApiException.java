package uz.onesim.core;

/**
 * A remote service (PostgREST, Supabase Auth, eSIM Access) refused or failed a request. Carries
 * what is needed to act on it and to ask the service's support about it: {@link #code()}, the
 * machine code to branch on; {@link #status()}, the HTTP status (0 when no response came);
 * {@link #remoteCode()}, the service's own code (SQLSTATE, {@code PGRSTxxx}, eSIM Access
 * {@code errorCode}); the request id, the remote details and hint, and a capped excerpt of the raw
 * body. Never a key, a token or a request header.
 *
 * <p>The machine code is, in this order: the code the SDK names explicitly; the service's code
 * when it is already a word ({@code invalid_credentials}); the database's word in DETAIL
 * ({@code insufficient_balance}, raised by OneSIM's SQL); a word for a well-known SQLSTATE or
 * PostgREST code ({@code 23505} is {@code already_exists}); else a word for the HTTP status.
 */
public class ApiException extends OneSimException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_EXCERPT = 300;

  private final int status;
  private final String remoteCode;
  private final String requestId;
  private final String details;
  private final String hint;
  private final String bodyExcerpt;

  /** An error whose machine code is derived (see the class comment); {@code remoteCode} is the service's own. */
  public ApiException(String message, int status, String remoteCode, String requestId, String details, String hint,
      String body, Throwable cause) {
    this(null, message, status, remoteCode, requestId, details, hint, body, cause);
  }

  /** An error with an explicit machine code ({@code code} null: derived as the class comment says). */
  public ApiException(String code, String message, int status, String remoteCode, String requestId, String details,
      String hint, String body, Throwable cause) {
    super(code != null ? code : MachineCodes.derive(status, remoteCode, details), message, cause);
    this.status = status;
    this.remoteCode = remoteCode;
    this.requestId = requestId;
    this.details = details;
    this.hint = hint;
    this.bodyExcerpt = excerpt(body);
  }

  /** HTTP status, or 0 when the request got no response. */
  public int status() {
    return status;
  }

  /**
   * The service's own code: SQLSTATE or {@code PGRSTxxx} for PostgREST, {@code error_code} for
   * Supabase Auth, {@code errorCode} for eSIM Access; null when there was none.
   */
  public String remoteCode() {
    return remoteCode;
  }

  /** The SQLSTATE when the database answered (e.g. {@code PT402}, {@code 23505}), else null. */
  public String sqlState() {
    return remoteCode != null && remoteCode.length() == 5 && !remoteCode.startsWith("PGRST")
        && remoteCode.chars().allMatch(ch -> Character.isDigit(ch) || Character.isUpperCase(ch)) ? remoteCode : null;
  }

  /** The request id the server gave, for support, or null. */
  public String requestId() {
    return requestId;
  }

  /** The service's details text as sent (for OneSIM's SQL errors the same word as {@link #code()}), or null. */
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

  /**
   * Whether repeating the same request later may succeed: a deadlock or a serialization failure
   * (the database rolled the whole transaction back); subclasses add theirs (no answer, 502/503/504,
   * rate limits, the provider's temporary codes).
   */
  public boolean isRetryable() {
    return "deadlock_detected".equals(code()) || "serialization_failure".equals(code());
  }

  static String excerpt(String body) {
    if (body == null) {
      return null;
    }
    String oneLine = body.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= MAX_EXCERPT ? oneLine : oneLine.substring(0, MAX_EXCERPT) + "…";
  }
}
