package uz.onesim.core;

/**
 * Root of every error the OneSIM SDK throws. Unchecked; subclasses name the category
 * (validation, illegal state transition, and in the client modules not found, conflict,
 * permission, rate limited, provider, transport). {@link #code()} is the one stable machine code
 * a caller branches on, whatever raised the error (the database, Supabase Auth, eSIM Access or
 * the SDK itself); every code is listed in {@code docs/errors.md}. Messages say what was wrong and
 * with which value, and never carry a secret.
 */
public class OneSimException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  /** An error with the generic code {@code onesim_error}; prefer a constructor with a code. */
  public OneSimException(String message) {
    this("onesim_error", message, null);
  }

  /** An error with the generic code {@code onesim_error}; prefer a constructor with a code. */
  public OneSimException(String message, Throwable cause) {
    this("onesim_error", message, cause);
  }

  /** An error with a machine code, e.g. {@code configuration_missing}. */
  public OneSimException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The stable machine code, e.g. {@code insufficient_balance}; never null. */
  public String code() {
    return code;
  }
}
