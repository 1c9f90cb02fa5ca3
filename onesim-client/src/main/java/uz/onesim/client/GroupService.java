package uz.onesim.client;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.core.ValidationException;

/** A partner's customer groups and their members; the database keeps {@code group_size}. Thread-safe. */
public final class GroupService {
  private static final String COLUMNS = "id,partner_id,name,destination_country_code,destination_name,travel_start_date,travel_end_date,group_size";
  private final PostgrestClient db;

  GroupService(PostgrestClient db) {
    this.db = db;
  }

  /**
   * Creates a customer group (a tour, a class trip) for the signed-in partner.
   *
   * @param name what the partner calls it, required
   * @param countryCode the destination's ISO 3166-1 alpha-2 code, e.g. {@code TR}, or null
   * @param destinationName the destination as the partner writes it, or null
   * @param start the first day of travel, or null
   * @param end the last day of travel (not before {@code start}), or null
   * @throws ValidationException for a blank name or an end before the start, before any request
   */
  public CustomerGroup create(String name, String countryCode, String destinationName, LocalDate start, LocalDate end) {
    if (name == null || name.isBlank()) {
      throw new ValidationException("name", "required", "a group needs a name");
    }
    if (start != null && end != null && end.isBefore(start)) {
      throw new ValidationException("travelEndDate", "before_start", "the trip cannot end before it starts");
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", name);
    row.put("destination_country_code", countryCode);
    row.put("destination_name", destinationName);
    row.put("travel_start_date", start);
    row.put("travel_end_date", end);
    return db.from("customer_groups").insert(row).select(COLUMNS).one(CustomerGroup.class);
  }

  /** One of the partner's groups. */
  public CustomerGroup get(UUID id) {
    return db.from("customer_groups").select(COLUMNS).eq("id", id).one(CustomerGroup.class);
  }

  /** Adds customers in one request; ones already in the group are left as they are. */
  public void addMembers(UUID groupId, List<UUID> customerIds) {
    if (customerIds.isEmpty()) {
      return;
    }
    List<Map<String, Object>> rows = customerIds.stream().map(id -> Map.<String, Object>of("group_id", groupId, "customer_id", id)).toList();
    db.from("customer_group_members").upsert(rows).onConflict("group_id,customer_id").ignoreDuplicates().execute();
  }

  /** Takes a customer out of a group (the customer stays). */
  public void removeMember(UUID groupId, UUID customerId) {
    db.from("customer_group_members").delete().eq("group_id", groupId).eq("customer_id", customerId).execute();
  }
}
