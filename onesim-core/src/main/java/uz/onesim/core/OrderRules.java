package uz.onesim.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The limits every purchase obeys, checked before any request is sent: a package code that is
 * non-blank and at most {@value #MAX_PACKAGE_CODE_LENGTH} characters, and a quantity of 1 to
 * {@value #MAX_QUANTITY} eSIMs per call (per customer for a list or group). The database makes the
 * same checks again and more (who may order for whom, by {@link OrderSource}: docs/money.md and
 * docs/security.md); {@code RuleParityTest} runs random inputs through both and requires the same
 * verdict. Contact details follow {@link ContactRules}.
 *
 * <p>Stateless and thread-safe.
 */
public final class OrderRules {
  /** The most eSIMs one purchase call may create (the database caps a statement at the same). */
  public static final int MAX_QUANTITY = 1000;
  /** The longest package code the schema stores. */
  public static final int MAX_PACKAGE_CODE_LENGTH = 64;
  /** The longest idempotency key the database keeps. */
  public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;

  private OrderRules() {}

  /**
   * The checks every purchase call makes before it asks the database (which makes the same ones):
   * package code non-blank and at most {@value #MAX_PACKAGE_CODE_LENGTH} characters, quantity 1 to
   * {@value #MAX_QUANTITY}.
   *
   * @throws ValidationException listing every broken rule
   */
  public static void requireValidPurchase(String packageCode, int quantity) {
    List<Violation> v = new ArrayList<>();
    checkPurchase(packageCode, quantity, v);
    if (!v.isEmpty()) {
      throw new ValidationException(v);
    }
  }

  private static void checkPurchase(String code, int quantity, List<Violation> v) {
    if (code == null || code.isBlank()) {
      v.add(new Violation("packageCode", "required", "must not be blank"));
    } else if (code.length() > MAX_PACKAGE_CODE_LENGTH) {
      v.add(new Violation("packageCode", "too_long",
          "must be at most " + MAX_PACKAGE_CODE_LENGTH + " characters, got " + code.length()));
    }
    if (quantity < 1 || quantity > MAX_QUANTITY) {
      v.add(new Violation("quantity", "out_of_range",
          "must be between 1 and " + MAX_QUANTITY + ", got " + quantity));
    }
  }

  /**
   * An idempotency key is non-blank (not only spaces, tabs or line breaks) and at most {@value #MAX_IDEMPOTENCY_KEY_LENGTH} characters
   * (the database refuses the same).
   *
   * @throws ValidationException naming {@code idempotencyKey}
   */
  public static void requireValidIdempotencyKey(String key) {
    // blank = only ASCII whitespace (space, \t, \n, \r, \f, \v): the database's definition too
    if (key == null || key.chars().allMatch(c -> c == ' ' || (c >= 0x09 && c <= 0x0D))) {
      throw new ValidationException(List.of(new Violation("idempotencyKey", "required", "must not be blank")));
    }
    if (key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw new ValidationException(List.of(new Violation("idempotencyKey", "too_long",
          "must be at most " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters, got " + key.length())));
    }
  }
}
