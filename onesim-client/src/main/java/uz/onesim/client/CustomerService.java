package uz.onesim.client;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import uz.onesim.client.postgrest.Count;
import uz.onesim.client.postgrest.Page;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.client.internal.FilterValues;
import uz.onesim.core.ContactRules;
import uz.onesim.core.ValidationException;
import uz.onesim.core.Violation;

/** A partner's customers: create or reuse by email, read, search, delete. Thread-safe. */
public final class CustomerService {
  private static final String COLUMNS = "id,partner_id,first_name,last_name,email,phone,notes,total_orders,total_spent";
  private final PostgrestClient db;

  CustomerService(PostgrestClient db) {
    this.db = db;
  }

  /** Creates the customer, or returns (and refreshes) the existing one with the same email, case-insensitively. */
  public PartnerCustomer save(NewCustomer c) {
    List<Violation> v = c.violations();
    if (!v.isEmpty()) {
      throw new ValidationException(v);
    }
    Map<String, Object> args = new java.util.LinkedHashMap<>();
    c.toRow().forEach((k, val) -> args.put("p_" + k, val));
    return db.rpc("save_partner_customer", args).one(PartnerCustomer.Row.class).toCustomer();
  }

  /**
   * Imports a list in one call. With {@code allOrNothing}, any invalid row refuses the whole list
   * (a {@link ValidationException} whose fields are {@code rows[i].field}) and nothing is written;
   * otherwise the valid rows are saved and the invalid ones reported. The same email twice in the
   * list, or already on file, is one customer.
   */
  public ImportResult importAll(List<NewCustomer> rows, boolean allOrNothing) {
    if (rows.size() > ContactRules.MAX_CUSTOMERS_PER_IMPORT) {
      throw new ValidationException("rows", "too_many",
          "at most " + ContactRules.MAX_CUSTOMERS_PER_IMPORT + " customers per import, got " + rows.size());
    }
    List<ImportResult.RowError> errors = new java.util.ArrayList<>();
    List<Map<String, Object>> valid = new java.util.ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      NewCustomer c = rows.get(i);
      List<Violation> v = c.violations();
      if (!v.isEmpty()) {
        errors.add(new ImportResult.RowError(i, c, v));
        continue;
      }
      valid.add(c.toRow());
    }
    if (allOrNothing && !errors.isEmpty()) {
      throw new ValidationException(errors.stream().flatMap(e -> e.violations().stream()
          .map(x -> new Violation("rows[" + e.index() + "]." + x.field(), x.code(), x.message()))).toList());
    }
    List<PartnerCustomer> saved = valid.isEmpty() ? List.of()
        : db.rpc("save_partner_customers", Map.of("p_rows", valid)).select(COLUMNS).list(PartnerCustomer.Row.class)
            .stream().map(PartnerCustomer.Row::toCustomer).toList();
    return new ImportResult(saved, errors);
  }

  /** One of the partner's customers. */
  public PartnerCustomer get(UUID id) {
    return db.from("partner_customers").select(COLUMNS).eq("id", id).one(PartnerCustomer.Row.class).toCustomer();
  }

  /** A page of customers whose name, email or phone contains {@code search} (null for all), by last name. */
  public Page<PartnerCustomer> list(String search, int page, int size) {
    var q = db.from("partner_customers").select(COLUMNS);
    if (search != null && !search.isBlank()) {
      String s = FilterValues.logicValue("*" + search.trim() + "*");
      q.or("first_name.ilike." + s + ",last_name.ilike." + s + ",email.ilike." + s + ",phone.ilike." + s);
    }
    return q.order("last_name", true).order("id", true).range((long) page * size, (long) page * size + size - 1)
        .count(Count.EXACT).page(PartnerCustomer.Row.class).map(PartnerCustomer.Row::toCustomer);
  }

  /**
   * Opts the customer out of lifecycle notices (data low, expiring, expired, top-up applied) or back
   * in; installation details are still sent. Your own systems still get the webhook events.
   */
  public void setNoticesOptOut(UUID id, boolean optOut) {
    db.from("partner_customers").update(Map.of("notices_opt_out", optOut)).eq("id", id).execute();
  }

  /** Replaces the customer's name, email, phone and notes (the same rules as {@link #save}). */
  public PartnerCustomer update(UUID id, NewCustomer c) {
    List<Violation> v = c.violations();
    if (!v.isEmpty()) {
      throw new ValidationException(v);
    }
    return db.from("partner_customers").update(c.toRow()).eq("id", id).select(COLUMNS).one(PartnerCustomer.Row.class).toCustomer();
  }

  /** Deletes one of the partner's customers (its orders keep their copy of the name). */
  public void delete(UUID id) {
    db.from("partner_customers").delete().eq("id", id).execute();
  }
}
