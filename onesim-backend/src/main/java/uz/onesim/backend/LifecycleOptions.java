package uz.onesim.backend;

import java.time.Duration;
import java.util.List;
import uz.onesim.core.ValidationException;
import uz.onesim.core.Violation;

/**
 * When lifecycle alerts are raised (docs/lifecycle.md): data used at each of {@code usagePercents},
 * expiry within {@code expiryWarning}; and how often the usage sweep asks the provider about the
 * same eSIM ({@code usageMinAge}; the provider refreshes usage every 2–3 hours).
 */
public record LifecycleOptions(List<Integer> usagePercents, Duration expiryWarning, Duration usageMinAge) {
  public LifecycleOptions {
    usagePercents = usagePercents == null ? null : List.copyOf(usagePercents);
    List<Violation> v = new java.util.ArrayList<>();
    if (usagePercents == null || usagePercents.isEmpty() || usagePercents.stream().anyMatch(p -> p < 1 || p > 100)) {
      v.add(new Violation("usagePercents", "out_of_range", "one or more percents from 1 to 100, got " + usagePercents));
    }
    if (expiryWarning == null || expiryWarning.toHours() < 1 || expiryWarning.toHours() > 720) {
      v.add(new Violation("expiryWarning", "out_of_range", "1 to 720 hours, got " + expiryWarning));
    }
    if (usageMinAge == null || usageMinAge.isNegative() || usageMinAge.toSeconds() > 604_800) {
      v.add(new Violation("usageMinAge", "out_of_range", "0 to 7 days, got " + usageMinAge));
    }
    if (!v.isEmpty()) {
      throw new ValidationException(v);
    }
  }

  /** 80 % and 95 % of data, a day before expiry, usage asked at most hourly. */
  public static LifecycleOptions defaults() {
    return new LifecycleOptions(List.of(80, 95), Duration.ofDays(1), Duration.ofHours(1));
  }

  /** The same options with these data thresholds (percent used). */
  public LifecycleOptions withUsagePercents(List<Integer> percents) {
    return new LifecycleOptions(percents, expiryWarning, usageMinAge);
  }

  /** The same options warning this long before expiry. */
  public LifecycleOptions withExpiryWarning(Duration d) {
    return new LifecycleOptions(usagePercents, d, usageMinAge);
  }

  /** The same options asking the provider about one eSIM at most this often. */
  public LifecycleOptions withUsageMinAge(Duration d) {
    return new LifecycleOptions(usagePercents, expiryWarning, d);
  }
}
