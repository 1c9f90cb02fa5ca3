package uz.onesim.spring;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code onesim.*} settings (the same names as {@code OneSim.fromEnv()} and
 * {@code OneSimBackend.fromEnv()}, docs/operations.md). {@code supabase-url} with {@code api-key}
 * gives a {@code OneSim}; with {@code service-key} and {@code esimaccess.access-code} also a
 * {@code OneSimBackend} whose workers run with the application. {@link #toString()} never prints a key.
 */
@ConfigurationProperties(prefix = "onesim")
public class OneSimProperties {
  /** The project URL, {@code https://<ref>.supabase.co}. */
  private String supabaseUrl;
  /** The publishable (anon) key: what apps and partners use. */
  private String apiKey;
  /** The secret (service) key: OneSIM's servers only. */
  private String serviceKey;
  private final EsimAccess esimaccess = new EsimAccess();
  private final Workers workers = new Workers();
  private final ProviderEvents providerEvents = new ProviderEvents();

  public String getSupabaseUrl() {
    return supabaseUrl;
  }

  public void setSupabaseUrl(String supabaseUrl) {
    this.supabaseUrl = supabaseUrl;
  }

  public String getApiKey() {
    return apiKey;
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  public String getServiceKey() {
    return serviceKey;
  }

  public void setServiceKey(String serviceKey) {
    this.serviceKey = serviceKey;
  }

  public EsimAccess getEsimaccess() {
    return esimaccess;
  }

  public Workers getWorkers() {
    return workers;
  }

  public ProviderEvents getProviderEvents() {
    return providerEvents;
  }

  @Override
  public String toString() {
    return "OneSimProperties[supabaseUrl=" + supabaseUrl + ", apiKey=" + (apiKey == null ? "unset" : "set")
        + ", serviceKey=" + (serviceKey == null ? "unset" : "set") + ", esimaccess=" + esimaccess + ", workers=" + workers
        + ", providerEvents=" + providerEvents + "]";
  }

  /** {@code onesim.esimaccess.*}: the provider's credentials (OneSIM's servers only). */
  public static class EsimAccess {
    /** Default: the provider's production URL. */
    private String baseUrl;
    private String accessCode;
    private String secretKey;
    /** Requests per second this instance allows itself (the account allows 8). */
    private Integer requestsPerSecond;

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    public String getAccessCode() {
      return accessCode;
    }

    public void setAccessCode(String accessCode) {
      this.accessCode = accessCode;
    }

    public String getSecretKey() {
      return secretKey;
    }

    public void setSecretKey(String secretKey) {
      this.secretKey = secretKey;
    }

    public Integer getRequestsPerSecond() {
      return requestsPerSecond;
    }

    public void setRequestsPerSecond(Integer requestsPerSecond) {
      this.requestsPerSecond = requestsPerSecond;
    }

    @Override
    public String toString() {
      return "[baseUrl=" + baseUrl + ", accessCode=" + (accessCode == null ? "unset" : "set") + ", secretKey="
          + (secretKey == null ? "unset" : "set") + "]";
    }
  }

  /** {@code onesim.workers.*}: the backend's workers, started and stopped with the application. */
  public static class Workers {
    /** Whether the workers run in this application (default true when the backend is configured). */
    private boolean enabled = true;
    /** This instance's name; worker names are {@code <instance>-<job>} (default: onesim). */
    private String instance = "onesim";
    /** The unit of the documented intervals (default 1 s; tests shorten it). */
    private Duration intervalUnit = Duration.ofSeconds(1);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getInstance() {
      return instance;
    }

    public void setInstance(String instance) {
      this.instance = instance;
    }

    public Duration getIntervalUnit() {
      return intervalUnit;
    }

    public void setIntervalUnit(Duration intervalUnit) {
      this.intervalUnit = intervalUnit;
    }

    @Override
    public String toString() {
      return "[enabled=" + enabled + ", instance=" + instance + ", intervalUnit=" + intervalUnit + "]";
    }
  }

  /** {@code onesim.provider-events.*}: the opt-in endpoint eSIM Access posts its events to. */
  public static class ProviderEvents {
    /** Off unless set: the application chooses to expose it. */
    private boolean enabled;
    private String path = "/webhooks/esimaccess";
    /** Senders accepted (default: the provider's documented addresses). */
    private Set<String> allowedIps;
    /** Accept every sender (behind a proxy that checks them, or locally). */
    private boolean anySender;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public Set<String> getAllowedIps() {
      return allowedIps;
    }

    public void setAllowedIps(Set<String> allowedIps) {
      this.allowedIps = allowedIps;
    }

    public boolean isAnySender() {
      return anySender;
    }

    public void setAnySender(boolean anySender) {
      this.anySender = anySender;
    }

    @Override
    public String toString() {
      return "[enabled=" + enabled + ", path=" + path + ", anySender=" + anySender + "]";
    }
  }
}
