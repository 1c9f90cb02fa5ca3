package uz.onesim.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the SDK's settings from environment variables, one documented set of names
 * (docs/operations.md): each setting is the first of its names that is set; every required setting
 * that is missing is named at once in one {@link ConfigurationException}. Values are never printed.
 */
public final class EnvSettings {
  /** The project URL. */
  public static final String SUPABASE_URL = "SUPABASE_URL";
  /** The public key of apps and partners' servers (new style first). */
  public static final List<String> PUBLIC_KEY = List.of("SUPABASE_PUBLISHABLE_KEY", "SUPABASE_ANON_KEY");
  /** The secret key of OneSIM's servers (new style first). */
  public static final List<String> SECRET_KEY = List.of("SUPABASE_SECRET_KEY", "SUPABASE_SERVICE_ROLE_KEY");
  /** eSIM Access: the access code (required for the backend). */
  public static final String ESIMACCESS_ACCESS_CODE = "ESIMACCESS_ACCESS_CODE";
  /** eSIM Access: the secret key that signs requests (optional: header-only accounts). */
  public static final String ESIMACCESS_SECRET_KEY = "ESIMACCESS_SECRET_KEY";
  /** eSIM Access: another base URL (optional: the production API by default). */
  public static final String ESIMACCESS_BASE_URL = "ESIMACCESS_BASE_URL";

  private final Function<String, String> env;
  private final List<String> missing = new ArrayList<>();

  private EnvSettings(Function<String, String> env) {
    this.env = env;
  }

  /** Settings read through {@code env} (e.g. {@code System::getenv}, or a map's {@code get} in tests). */
  public static EnvSettings from(Function<String, String> env) {
    return new EnvSettings(env);
  }

  /** The first of {@code names} that is set (not blank); recorded as missing (under all its names) when none is. */
  public String required(List<String> names) {
    String v = optional(names);
    if (v == null) {
      missing.add(String.join(" or ", names));
    }
    return v;
  }

  /** {@link #required(List)} for one name. */
  public String required(String name) {
    return required(List.of(name));
  }

  /** The first of {@code names} that is set, or null. */
  public String optional(List<String> names) {
    for (String n : names) {
      String v = env.apply(n);
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }

  /** {@link #optional(List)} for one name. */
  public String optional(String name) {
    return optional(List.of(name));
  }

  /**
   * Throws if any required setting was missing.
   *
   * @throws ConfigurationException {@code configuration_missing}, naming every missing variable
   */
  public void check(String what) {
    if (!missing.isEmpty()) {
      throw ConfigurationException.missing(what + " from the environment", missing);
    }
  }
}
