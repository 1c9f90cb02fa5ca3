package uz.onesim.backend.internal;

import java.util.List;
import uz.onesim.client.postgrest.PostgrestClient;

/**
 * Day passes (the provider's data type 2, kept as {@code esim_packages.data_type}): every order and
 * top-up of one carries {@code periodNum}, the plan's own duration in days (what the customer
 * bought); what the provider does without it is undocumented.
 */
public final class DayPasses {
  private DayPasses() {}

  private record PlanRow(Integer dataType, Integer duration) {}

  /** {@code periodNum} for {@code packageCode}: its days when it is a day pass, else null. */
  public static Integer periodNum(PostgrestClient db, String packageCode) {
    List<PlanRow> rows = db.from("esim_packages").select("data_type,duration").eq("package_code", packageCode).list(PlanRow.class);
    if (rows.isEmpty() || rows.get(0).dataType() == null || rows.get(0).dataType() != 2) {
      return null;
    }
    Integer days = rows.get(0).duration();
    return days == null || days < 1 ? 1 : Math.min(days, 365);
  }
}
