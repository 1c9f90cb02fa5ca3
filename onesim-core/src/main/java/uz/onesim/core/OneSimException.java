package uz.onesim.core;

/**
 * Root of every error the OneSIM SDK throws. Unchecked; subclasses name the category
 * (validation, illegal state transition, and in the client modules not found, conflict,
 * permission, rate limited, provider, transport). Messages say what was wrong and with which
 * value, and never carry a secret.
 */
public class OneSimException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OneSimException(String message) {
    super(message);
  }

  public OneSimException(String message, Throwable cause) {
    super(message, cause);
  }
}
