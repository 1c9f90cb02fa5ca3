package uz.onesim.backend.internal;

import uz.onesim.core.ValidationException;

/** The name a backend worker claims rows under: 1 to 64 characters, as the claim functions require. */
public final class Workers {
  private Workers() {}

  /** {@code name}, or a {@link ValidationException} ({@code worker}/{@code invalid_worker}). */
  public static String requireName(String name) {
    if (name == null || name.isBlank() || name.length() > 64) {
      throw new ValidationException("worker", "invalid_worker", "the worker name is 1 to 64 characters");
    }
    return name;
  }
}
