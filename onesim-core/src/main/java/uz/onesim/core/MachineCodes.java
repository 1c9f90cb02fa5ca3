package uz.onesim.core;

import java.util.Map;
import java.util.regex.Pattern;

/** How {@link ApiException} derives its machine code from what a service answered (one rule, one place). */
final class MachineCodes {
  private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9_]{2,63}");
  private static final Map<String, String> BY_REMOTE_CODE = Map.ofEntries(
      Map.entry("23505", "already_exists"),
      Map.entry("23503", "unknown_reference"),
      Map.entry("23514", "check_violation"),
      Map.entry("23502", "missing_value"),
      Map.entry("22P02", "invalid_syntax"),
      Map.entry("22023", "invalid_parameter"),
      Map.entry("22003", "out_of_range"),
      Map.entry("22001", "too_long"),
      Map.entry("42501", "permission_denied"),
      Map.entry("40P01", "deadlock_detected"),
      Map.entry("40001", "serialization_failure"),
      Map.entry("57014", "query_canceled"),
      Map.entry("PGRST301", "invalid_jwt"),
      Map.entry("PGRST302", "invalid_jwt"),
      Map.entry("PGRST303", "invalid_jwt"),
      Map.entry("PGRST202", "unknown_function"),
      Map.entry("42883", "unknown_function"),
      Map.entry("PGRST205", "unknown_table"),
      Map.entry("42P01", "unknown_table"));

  private MachineCodes() {}

  static String derive(int status, String remoteCode, String details) {
    if (remoteCode != null && WORD.matcher(remoteCode).matches()) {
      return remoteCode;
    }
    if (details != null && WORD.matcher(details).matches()) {
      return details;
    }
    if ("PGRST116".equals(remoteCode)) {
      return details != null && details.contains(" 0 rows") ? "not_found" : "multiple_rows";
    }
    String known = remoteCode == null ? null : BY_REMOTE_CODE.get(remoteCode);
    return known != null ? known : byStatus(status);
  }

  static String byStatus(int status) {
    return switch (status) {
      case 0 -> "transport_error";
      case 400 -> "bad_request";
      case 401 -> "unauthenticated";
      case 402 -> "payment_required";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 409 -> "conflict";
      case 429 -> "rate_limited";
      case 502, 503, 504, 520 -> "service_unavailable";
      default -> status >= 500 ? "server_error" : "bad_request";
    };
  }
}
