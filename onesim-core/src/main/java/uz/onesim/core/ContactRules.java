package uz.onesim.core;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The SDK's one definition of valid contact details: names (non-blank when required, at most 100
 * characters), email addresses (pragmatic syntax: one {@code @}, no spaces, a dotted domain) and
 * phone numbers (E.164: {@code +998901234567}). Used by the client's customer records and
 * imports; the schema's checks agree (RuleParityTest runs random input through both).
 */
public final class ContactRules {
  /** The longest first or last name (the schema's {@code varchar(100)}). */
  public static final int MAX_NAME_LENGTH = 100;
  /** The most customers one import call takes (the schema's {@code save_partner_customers} agrees). */
  public static final int MAX_CUSTOMERS_PER_IMPORT = 1000;

  private static final Pattern EMAIL =
      Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");
  private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{1,14}$");

  private ContactRules() {}

  /** Whether {@code s} is an email address by the rule the database applies too. */
  public static boolean isEmail(String s) {
    return s != null && EMAIL.matcher(s).matches();
  }

  /** Whether {@code s} is a phone number in E.164 form ({@code +998901234567}). */
  public static boolean isE164(String s) {
    return s != null && E164.matcher(s).matches();
  }

  /** Adds a violation when {@code name} is too long, or blank while {@code required}. */
  public static void checkName(String field, String name, boolean required, List<Violation> v) {
    if (name == null || name.isBlank()) {
      if (required) {
        v.add(new Violation(field, "required", "must not be blank"));
      }
    } else if (name.length() > MAX_NAME_LENGTH) {
      v.add(new Violation(field, "too_long", "must be at most " + MAX_NAME_LENGTH + " characters, got " + name.length()));
    }
  }

  /** Adds a violation when {@code email} is not an address (or is missing while {@code required}). */
  public static void checkEmail(String field, String email, boolean required, List<Violation> v) {
    if (email == null ? required : !isEmail(email)) {
      v.add(new Violation(field, "invalid_email", "is not an email address: '" + email + "'"));
    }
  }

  /** Adds a violation when {@code phone} is present and not E.164. */
  public static void checkPhone(String field, String phone, List<Violation> v) {
    if (phone != null && !isE164(phone)) {
      v.add(new Violation(field, "invalid_phone", "must be in E.164 form like +998901234567, got '" + phone + "'"));
    }
  }
}
