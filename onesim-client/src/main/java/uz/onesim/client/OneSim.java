package uz.onesim.client;

import java.util.Objects;
import uz.onesim.client.postgrest.PostgrestClient;

/**
 * The OneSIM SDK's entry point for a signed-in consumer, partner or admin: {@link #asUser(String)}
 * acts with that user's JWT, so Row Level Security decides what they see and do. This is all a
 * partner integrator needs. OneSIM's own servers (service key, eSIM Access credentials) use
 * {@code uz.onesim.backend.OneSimBackend} from the {@code onesim-backend} module instead; see
 * {@code docs/architecture.md}.
 *
 * <pre>{@code
 * OneSim onesim = OneSim.builder().supabaseUrl(url).apiKey(publishableKey).build();
 * var partner = onesim.asUser(partnerJwt);
 * PartnerCustomer aziza = partner.customers().save(NewCustomer.of("Aziza", "Karimova", "aziza@example.com", null));
 * List<Order> orders = partner.orders().forCustomer(aziza.id(), "TR_1GB_7D", 1, CallOptions.none());
 * PartnerDashboard dash = partner.dashboard();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class OneSim {
  private final PostgrestClient db;

  private OneSim(Builder b) {
    this.db = b.db != null ? b.db : PostgrestClient.builder().supabaseUrl(b.supabaseUrl).apiKey(b.apiKey).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Acts as the user of {@code jwt}. */
  public UserSession asUser(String jwt) {
    return new UserSession(db.withUserJwt(Objects.requireNonNull(jwt, "jwt == null")));
  }

  /** What a signed-in customer or partner can do. */
  public static final class UserSession {
    private final PostgrestClient db;

    UserSession(PostgrestClient db) {
      this.db = db;
    }

    public OrderService orders() {
      return new OrderService(db);
    }

    /** The partner's own account (partners only). */
    public PartnerService partner() {
      return new PartnerService(db);
    }

    public CustomerService customers() {
      return new CustomerService(db);
    }

    public GroupService groups() {
      return new GroupService(db);
    }

    /** The partner's dashboard in one round trip; {@code recent} newest orders (≤ 100). */
    public PartnerDashboard dashboard(int recent) {
      return db.rpc("partner_dashboard", java.util.Map.of("p_recent", recent)).get().one(PartnerDashboard.class);
    }

    public PartnerDashboard dashboard() {
      return dashboard(10);
    }
  }

  /** Configures {@link OneSim}. */
  public static final class Builder {
    private String supabaseUrl;
    private String apiKey;
    private PostgrestClient db;

    private Builder() {}

    public Builder supabaseUrl(String url) {
      this.supabaseUrl = url;
      return this;
    }

    /** The anon or publishable key (what the apps ship). */
    public Builder apiKey(String key) {
      this.apiKey = key;
      return this;
    }

    /** A configured PostgREST client instead of URL + key. */
    public Builder postgrest(PostgrestClient client) {
      this.db = client;
      return this;
    }

    public OneSim build() {
      if (db == null && (supabaseUrl == null || apiKey == null)) {
        throw new IllegalStateException("supabaseUrl and apiKey (or postgrest) are required");
      }
      return new OneSim(this);
    }

    @Override
    public String toString() {
      return "OneSim.Builder{supabaseUrl=" + supabaseUrl + ", keys redacted}";
    }
  }

  @Override
  public String toString() {
    return "OneSim{" + db + "}";
  }
}
