package uz.onesim.core;

import java.util.Objects;

/**
 * One broken rule of an input: which field, a stable machine-readable code (for example
 * {@code "required"}, {@code "too_long"}, {@code "partner_not_active"}) and a human message.
 */
public record Violation(String field, String code, String message) {
  public Violation {
    Objects.requireNonNull(field, "field == null");
    Objects.requireNonNull(code, "code == null");
    Objects.requireNonNull(message, "message == null");
  }

  @Override
  public String toString() {
    return field + ": " + message + " [" + code + "]";
  }
}
