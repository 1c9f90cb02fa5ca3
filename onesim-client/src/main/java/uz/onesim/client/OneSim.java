package uz.onesim.client;

import java.util.Objects;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.esimaccess.EsimAccessClient;

/**
 * The OneSIM SDK's entry point. Two ways to act:
 * <ul>
 *   <li>{@link #asUser(String)}: as a signed-in customer or partner (their JWT); Row Level Security
 *       decides what they see and do. This is all a partner integrator needs.
 *   <li>{@link #backend()}: as OneSIM's backend (the service key), the only side that holds eSIM
 *       Access credentials: fulfilment, cancellation and refunds.
 * </ul>
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
  private final PostgrestClient service;
  private final EsimAccessClient esimAccess;

  private OneSim(Builder b) {
    this.db = b.db != null ? b.db : PostgrestClient.builder().supabaseUrl(b.supabaseUrl).apiKey(b.apiKey).build();
    this.service = b.serviceKey == null ? null : db.newBuilder().apiKey(b.serviceKey).build();
    this.esimAccess = b.esimAccess;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Acts as the user of {@code jwt}. */
  public UserSession asUser(String jwt) {
    return new UserSession(db.withUserJwt(Objects.requireNonNull(jwt, "jwt == null")));
  }

  /** OneSIM's backend: needs the service key and an eSIM Access client. */
  public Backend backend() {
    if (service == null) {
      throw new IllegalStateException("backend() needs serviceKey(...)");
    }
    if (esimAccess == null) {
      throw new IllegalStateException("backend() needs esimAccess(...)");
    }
    return new Backend(service, esimAccess);
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

  /** What OneSIM's backend can do. */
  public static final class Backend {
    private final PostgrestClient service;
    private final EsimAccessClient esim;

    Backend(PostgrestClient service, EsimAccessClient esim) {
      this.service = service;
      this.esim = esim;
    }

    /** Keeps the retail catalogue in step with the provider's. */
    public CatalogSync catalogSync(CatalogSync.Listener listener) {
      return new CatalogSync(service, esim, listener);
    }

    /** A fulfiller named {@code worker} (several may run at once). */
    public OrderFulfiller fulfiller(String worker) {
      return new OrderFulfiller(service, esim, worker, OrderFulfiller.Options.defaults());
    }

    public OrderFulfiller fulfiller(String worker, OrderFulfiller.Options options) {
      return new OrderFulfiller(service, esim, worker, options);
    }

    /** A fulfiller that hands each allocated eSIM to the channel of its order's delivery method. */
    public OrderFulfiller fulfiller(String worker, OrderFulfiller.Options options, java.util.List<DeliveryChannel> channels) {
      return new OrderFulfiller(service, esim, worker, options, channels);
    }
  }

  /** Configures {@link OneSim}. */
  public static final class Builder {
    private String supabaseUrl;
    private String apiKey;
    private String serviceKey;
    private PostgrestClient db;
    private EsimAccessClient esimAccess;

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

    /** The service_role or secret key: backend only. */
    public Builder serviceKey(String key) {
      this.serviceKey = key;
      return this;
    }

    /** A configured PostgREST client instead of URL + key. */
    public Builder postgrest(PostgrestClient client) {
      this.db = client;
      return this;
    }

    /** eSIM Access: backend only. */
    public Builder esimAccess(EsimAccessClient client) {
      this.esimAccess = client;
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
    return "OneSim{" + db + ", backend=" + (service != null) + "}";
  }
}
