package uz.onesim.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input broke one or more rules. Carries <em>all</em> violations found, not just the first, so a
 * form can show every problem at once. Thrown before anything is written or sent.
 */
public class ValidationException extends OneSimException {
  private static final long serialVersionUID = 1L;

  private final List<Violation> violations;

  public ValidationException(List<Violation> violations) {
    super("invalid_input", describe(violations), null);
    this.violations = List.copyOf(violations);
  }

  /** A single violation. */
  public ValidationException(String field, String code, String message) {
    this(List.of(new Violation(field, code, message)));
  }

  /** Every field that failed and why. */
  public List<Violation> violations() {
    return violations;
  }

  /** True when some violation concerns {@code field} with {@code code}. */
  public boolean has(String field, String code) {
    return violations.stream().anyMatch(v -> v.field().equals(field) && v.code().equals(code));
  }

  private static String describe(List<Violation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one violation");
    }
    String prefix = violations.size() == 1 ? "Invalid input: " : violations.size() + " invalid inputs: ";
    return prefix + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }
}
