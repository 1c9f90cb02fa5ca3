package uz.onesim.core;

import java.util.List;

/**
 * A builder or a {@code fromEnv()} was given too little or the wrong thing. Thrown by
 * {@code build()}, before any request: {@code configuration_missing} names every setting that is
 * missing, {@code invalid_configuration} says what is wrong with one. Never prints a key.
 */
public class ConfigurationException extends OneSimException {
  private static final long serialVersionUID = 1L;

  private final List<String> settings;

  private ConfigurationException(String code, String message, List<String> settings) {
    super(code, message, null);
    this.settings = List.copyOf(settings);
  }

  /** Settings that must be given and were not, e.g. {@code supabaseUrl}, {@code serviceKey}. */
  public static ConfigurationException missing(String what, List<String> settings) {
    return new ConfigurationException("configuration_missing",
        what + " needs " + String.join(" and ", settings) + " (not set)", settings);
  }

  /** One setting that was given but cannot be right, and why. */
  public static ConfigurationException invalid(String setting, String why) {
    return new ConfigurationException("invalid_configuration", setting + ": " + why, List.of(setting));
  }

  /** The settings concerned, by their builder names. */
  public List<String> settings() {
    return settings;
  }
}
