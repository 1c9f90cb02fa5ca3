package uz.onesim.client.postgrest;

/** How PostgREST counts the total rows ({@code Prefer: count=…}). */
public enum Count {
  /** A real {@code count(*)}: exact, costs a scan. */
  EXACT,
  /** The planner's estimate: instant, approximate. */
  PLANNED,
  /** Exact up to the server's max rows, planned above. */
  ESTIMATED;

  String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
