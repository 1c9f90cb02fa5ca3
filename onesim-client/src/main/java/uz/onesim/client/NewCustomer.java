package uz.onesim.client;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import uz.onesim.core.Violation;

/** A partner customer to create (or reuse, by email). Phone in E.164 when given. */
public record NewCustomer(String firstName, String lastName, String email, String phone, String notes) {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{1,14}$");

  public static NewCustomer of(String firstName, String lastName, String email, String phone) {
    return new NewCustomer(firstName, lastName, email, phone, null);
  }

  /** Every rule this customer breaks (the database checks the same). */
  public List<Violation> violations() {
    List<Violation> v = new ArrayList<>();
    name("firstName", firstName, v);
    name("lastName", lastName, v);
    if (email == null || !EMAIL.matcher(email).matches()) {
      v.add(new Violation("email", "invalid_email", "is not an email address: '" + email + "'"));
    }
    if (phone != null && !E164.matcher(phone).matches()) {
      v.add(new Violation("phone", "invalid_phone", "must be in E.164 form like +998901234567, got '" + phone + "'"));
    }
    return v;
  }

  private static void name(String field, String value, List<Violation> v) {
    if (value == null || value.isBlank()) {
      v.add(new Violation(field, "required", "must not be blank"));
    } else if (value.length() > 100) {
      v.add(new Violation(field, "too_long", "must be at most 100 characters"));
    }
  }
}
