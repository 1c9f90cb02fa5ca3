package uz.onesim.backend.internal;

/** How a backend worker records a failure it will retry: the exception's type and message, at most 500 characters. */
public final class Failures {
  private Failures() {}

  /** {@code IOException: connection reset}, cut to 500 characters. */
  public static String describe(Throwable e) {
    String m = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return m.length() > 500 ? m.substring(0, 500) : m;
  }
}
