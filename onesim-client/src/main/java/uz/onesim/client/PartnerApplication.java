package uz.onesim.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import uz.onesim.core.ContactRules;
import uz.onesim.core.ValidationException;
import uz.onesim.core.Violation;

/**
 * What a travel agency, airline or tour operator sends to become a OneSIM partner. An admin then
 * approves (optionally at a custom rate) or rejects it.
 *
 * @param companyName the trading name
 * @param businessEmail where OneSIM writes to the company
 * @param businessPhone E.164, optional
 * @param countryCode ISO 3166-1 alpha-2 ({@code UZ}), optional
 * @param businessType e.g. {@code travel_agency}, {@code airline}, {@code tour_operator}, optional
 * @param documents references to uploaded documents (storage paths, at most 20), never the files
 */
public record PartnerApplication(String companyName, String businessEmail, String businessPhone, String countryCode,
    String businessType, List<String> documents) {
  public PartnerApplication {
    documents = documents == null ? List.of() : List.copyOf(documents);
  }

  /** The application with the required fields only. */
  public static PartnerApplication of(String companyName, String businessEmail) {
    return new PartnerApplication(companyName, businessEmail, null, null, null, List.of());
  }

  /** Every broken rule at once (the database checks the same). */
  public List<Violation> violations() {
    List<Violation> v = new ArrayList<>();
    ContactRules.checkName("companyName", companyName, true, v);
    ContactRules.checkEmail("businessEmail", businessEmail, true, v);
    ContactRules.checkPhone("businessPhone", businessPhone, v);
    if (countryCode != null && !countryCode.matches("[A-Z]{2}")) {
      v.add(new Violation("countryCode", "invalid_country", "must be an ISO 3166-1 alpha-2 code like UZ, got '" + countryCode + "'"));
    }
    if (documents.size() > 20 || documents.stream().anyMatch(Objects::isNull)) {
      v.add(new Violation("documents", "invalid_documents", "at most 20 document references, none null"));
    }
    return v;
  }

  void requireValid() {
    List<Violation> v = violations();
    if (!v.isEmpty()) {
      throw new ValidationException(v);
    }
  }
}
