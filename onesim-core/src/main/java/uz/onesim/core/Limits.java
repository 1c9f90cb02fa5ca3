package uz.onesim.core;

/** The one rule for how many rows a list call may ask for: 1 to 1 000, as the database's own functions allow. */
public final class Limits {
  /** The most rows one list call returns. */
  public static final int MAX_ROWS = 1000;

  private Limits() {}

  /**
   * Returns {@code limit} when it is 1 to {@value #MAX_ROWS}; otherwise refuses it, never clamps.
   *
   * @throws ValidationException {@code limit}/{@code out_of_range}, before any request
   */
  public static int requireRows(int limit) {
    if (limit < 1 || limit > MAX_ROWS) {
      throw new ValidationException("limit", "out_of_range", "must be between 1 and " + MAX_ROWS + ", was " + limit);
    }
    return limit;
  }
}
