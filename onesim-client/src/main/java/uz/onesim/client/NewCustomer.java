package uz.onesim.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uz.onesim.core.ContactRules;
import uz.onesim.core.Violation;

/** A partner customer to create (or reuse, by email). Names and email required; phone in E.164 when given. */
public record NewCustomer(String firstName, String lastName, String email, String phone, String notes) {

  /** A customer to save; {@code phone} may be null. */
  public static NewCustomer of(String firstName, String lastName, String email, String phone) {
    return new NewCustomer(firstName, lastName, email, phone, null);
  }

  /** Every rule this customer breaks (the database checks the same). */
  public List<Violation> violations() {
    List<Violation> v = new ArrayList<>();
    ContactRules.checkName("firstName", firstName, true, v);
    ContactRules.checkName("lastName", lastName, true, v);
    ContactRules.checkEmail("email", email, true, v);
    ContactRules.checkPhone("phone", phone, v);
    return v;
  }

  /** The row as the database's columns name it. */
  Map<String, Object> toRow() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("first_name", firstName);
    row.put("last_name", lastName);
    row.put("email", email);
    row.put("phone", phone);
    row.put("notes", notes);
    return row;
  }
}
