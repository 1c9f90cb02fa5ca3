package uz.onesim.backend;

import java.util.List;
import java.util.Objects;
import uz.onesim.client.auth.AuthClient;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.esimaccess.EsimAccessClient;

/**
 * The entry point for OneSIM's own servers: the only side that holds the Supabase service key and
 * the eSIM Access credentials. It syncs the catalogue, fulfils paid orders at the provider,
 * reconciles, cancels and refunds, and takes the provider's webhooks. Partners and consumers never
 * use this class; they use {@code uz.onesim.client.OneSim} (see {@code docs/architecture.md}).
 *
 * <pre>{@code
 * OneSimBackend backend = OneSimBackend.builder()
 *     .supabaseUrl(url).serviceKey(serviceKey)
 *     .esimAccess(EsimAccessClient.builder().accessCode(code).secretKey(secret).build())
 *     .build();
 * FulfilmentReport report = backend.fulfiller("worker-1").runOnce();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class OneSimBackend {
  private final PostgrestClient service;
  private final EsimAccessClient esim;
  private final AuthClient auth;

  private OneSimBackend(PostgrestClient service, EsimAccessClient esim) {
    this.service = service;
    this.esim = esim;
    this.auth = AuthClient.builder().supabaseUrl(service.projectUrl()).apiKey(service.apiKey())
        .okHttpClient(service.okHttp()).build();
  }

  /** Starts a configuration; {@code supabaseUrl}, {@code serviceKey} and {@code esimAccess} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Keeps the retail catalogue in step with the provider's. */
  public CatalogSync catalogSync(CatalogSync.Listener listener) {
    return new CatalogSync(service, esim, listener);
  }

  /** A fulfiller named {@code worker} with default options (several may run at once). */
  public OrderFulfiller fulfiller(String worker) {
    return new OrderFulfiller(service, esim, worker, OrderFulfiller.Options.defaults());
  }

  /** A fulfiller named {@code worker} with the given options. */
  public OrderFulfiller fulfiller(String worker, OrderFulfiller.Options options) {
    return new OrderFulfiller(service, esim, worker, options);
  }

  /** A fulfiller that hands each allocated eSIM to the channel of its order's delivery method. */
  public OrderFulfiller fulfiller(String worker, OrderFulfiller.Options options, List<DeliveryChannel> channels) {
    return new OrderFulfiller(service, esim, worker, options, channels);
  }

  /** Money in for the shop: payment confirmations, refunds, expiry of unpaid orders. */
  public PaymentService payments() {
    return new PaymentService(service);
  }

  /**
   * Delivers installation details by email through {@code smtp}: branded with the selling partner's
   * name (OneSIM for the shop) and in the order's {@code metadata.language} ({@code uz}, {@code ru},
   * {@code en}; English otherwise), looked up in one request per order.
   */
  public EmailChannel emailChannel(SmtpSettings smtp) {
    return new EmailChannel(smtp, order -> {
      com.fasterxml.jackson.databind.JsonNode row = service.from("orders").select("language:metadata->>language,partners(company_name)")
          .eq("id", order.id()).json().path(0);
      String brand = row.path("partners").path("company_name").asText("");
      return new EmailChannel.Recipient(brand.isBlank() ? "OneSIM" : brand, row.path("language").asText("en"));
    });
  }

  /** Answers partners' after-sale requests (cancel and refund, resend) with {@code fulfiller}'s provider and channels. */
  public AfterSaleDesk afterSale(OrderFulfiller fulfiller) {
    return new AfterSaleDesk(service, fulfiller);
  }

  /**
   * Delivers installation details by SMS or WhatsApp through a messaging gateway ({@link MessageChannel}
   * documents the HTTP shape): to the partner customer's phone (the shop buyer's profile phone),
   * signed with the partner's name (OneSIM for the shop), looked up in one request per order.
   */
  public MessageChannel messageChannel(uz.onesim.core.DeliveryMethod method, String gatewayUrl, String gatewayToken) {
    return new MessageChannel(method, gatewayUrl, gatewayToken, service.okHttp(), order -> {
      if (order.partnerId() != null) {
        com.fasterxml.jackson.databind.JsonNode row = service.from("partner_customers").select("phone,partners(company_name)")
            .eq("id", order.endCustomerId()).json().path(0);
        return new MessageChannel.Recipient(row.path("phone").asText(null), row.path("partners").path("company_name").asText("OneSIM"));
      }
      com.fasterxml.jackson.databind.JsonNode row = service.from("profiles").select("phone").eq("id", order.userId()).json().path(0);
      return new MessageChannel.Recipient(row.path("phone").asText(null), "OneSIM");
    });
  }

  /** Sends partners' webhook events from the outbox: {@code runOnce()} on a schedule; several may run. */
  public WebhookDispatcher webhookDispatcher(String worker) {
    return new WebhookDispatcher(service, worker, 100, java.time.Duration.ofSeconds(10), java.time.Clock.systemUTC());
  }

  /**
   * Receives the provider's webhook deliveries into the database (never lost, stored once per
   * {@code notifyId}), from the senders in {@code allowedIps} only (e.g.
   * {@link uz.onesim.esimaccess.WebhookHandler#PROVIDER_IPS}).
   */
  public ProviderWebhooks providerWebhooks(java.util.Set<String> allowedIps) {
    return new ProviderWebhooks(service, java.util.Objects.requireNonNull(allowedIps,
        "allowedIps == null: use providerWebhooksFromAnySender() to accept every sender"));
  }

  /** Like {@link #providerWebhooks(java.util.Set)} but from any sender (behind a proxy that checks them, or in tests). */
  public ProviderWebhooks providerWebhooksFromAnySender() {
    return new ProviderWebhooks(service, null);
  }

  /** Applies stored provider webhook deliveries: {@code runOnce()} on a schedule; several may run. */
  public ProviderEventWorker providerEventWorker(String worker, OrderFulfiller fulfiller, LifecycleOptions options) {
    return new ProviderEventWorker(service, esim, fulfiller, worker, options);
  }

  /** Polls the provider for the data use of live eSIMs and raises the lifecycle alerts due. */
  public UsageSweep usageSweep(LifecycleOptions options) {
    return new UsageSweep(service, esim, options);
  }

  /** Sends travellers their lifecycle notices through {@code channels} (by the order's delivery method). */
  public NoticeSender noticeSender(String worker, List<DeliveryChannel> channels) {
    return new NoticeSender(service, worker, channels);
  }

  /** Applies paid top-ups at the provider, exactly once: {@code runOnce(limit)} on a schedule; several may run. */
  public TopUpFulfiller topUpFulfiller(String worker) {
    return new TopUpFulfiller(service, esim, worker);
  }

  /**
   * The payment provider confirmed a consumer's top-up ({@code amount} must be its price); repeating
   * the same confirmation is harmless. Returns the top-up's payment status.
   */
  public String confirmTopUpPayment(java.util.UUID topUpId, String reference, javax.money.MonetaryAmount amount) {
    return service.rpc("confirm_topup_payment", java.util.Map.of("p_topup_id", topUpId, "p_reference", reference,
        "p_amount_usd", uz.onesim.core.Amounts.decimal(amount))).json().path("payment_status").asText();
  }

  /** Integration credentials for partners' servers: issue, list, rotate, revoke. */
  public PartnerCredentials credentials() {
    return new PartnerCredentials(service, auth);
  }

  /** The PostgREST client acting as the service role, for backend jobs the SDK has no call for yet. */
  public PostgrestClient serviceClient() {
    return service;
  }

  @Override
  public String toString() {
    return "OneSimBackend{" + service + ", " + esim + "}";
  }

  /**
   * From the environment (docs/operations.md): {@code SUPABASE_URL}, {@code SUPABASE_SECRET_KEY} (or
   * the legacy {@code SUPABASE_SERVICE_ROLE_KEY}), {@code ESIMACCESS_ACCESS_CODE}, and optionally
   * {@code ESIMACCESS_SECRET_KEY} and {@code ESIMACCESS_BASE_URL}.
   *
   * @throws uz.onesim.core.ConfigurationException naming every variable that is missing, or a public
   *     key given as the secret one
   */
  public static OneSimBackend fromEnv() {
    return fromEnv(System::getenv);
  }

  /** {@link #fromEnv()} reading variables through {@code env}. */
  public static OneSimBackend fromEnv(java.util.function.Function<String, String> env) {
    uz.onesim.core.EnvSettings s = uz.onesim.core.EnvSettings.from(env);
    String url = s.required(uz.onesim.core.EnvSettings.SUPABASE_URL);
    String key = s.required(uz.onesim.core.EnvSettings.SECRET_KEY);
    String code = s.required(uz.onesim.core.EnvSettings.ESIMACCESS_ACCESS_CODE);
    String secret = s.optional(uz.onesim.core.EnvSettings.ESIMACCESS_SECRET_KEY);
    String base = s.optional(uz.onesim.core.EnvSettings.ESIMACCESS_BASE_URL);
    s.check("OneSimBackend");
    EsimAccessClient.Builder esim = EsimAccessClient.builder().accessCode(code);
    if (secret != null) {
      esim.secretKey(secret);
    }
    if (base != null) {
      esim.baseUrl(base);
    }
    return builder().supabaseUrl(url).serviceKey(key).esimAccess(esim.build()).build();
  }

  /** Configures {@link OneSimBackend}. Keys never appear in {@code toString()}. */
  public static final class Builder {
    private String supabaseUrl;
    private String serviceKey;
    private PostgrestClient service;
    private EsimAccessClient esim;

    private Builder() {}

    /** The project URL, e.g. {@code https://<ref>.supabase.co}. */
    public Builder supabaseUrl(String url) {
      this.supabaseUrl = url;
      return this;
    }

    /** The service_role or {@code sb_secret_} key. Never ship it to an app or a partner. */
    public Builder serviceKey(String key) {
      this.serviceKey = key;
      return this;
    }

    /** A PostgREST client already configured with the service key, instead of URL + key. */
    public Builder postgrest(PostgrestClient serviceClient) {
      this.service = serviceClient;
      return this;
    }

    /** The eSIM Access client (OneSIM's provider credentials). */
    public Builder esimAccess(EsimAccessClient client) {
      this.esim = client;
      return this;
    }

    /**
     * Builds the backend; throws {@link uz.onesim.core.ConfigurationException} naming every
     * setting that is missing, or saying that the service key is really the public anon or
     * publishable key (the backend would then act with a visitor's rights and fail later).
     */
    public OneSimBackend build() {
      java.util.List<String> missing = new java.util.ArrayList<>();
      if (service == null && supabaseUrl == null) {
        missing.add("supabaseUrl");
      }
      if (service == null && serviceKey == null) {
        missing.add("serviceKey");
      }
      if (esim == null) {
        missing.add("esimAccess");
      }
      if (!missing.isEmpty()) {
        throw uz.onesim.core.ConfigurationException.missing("OneSimBackend", missing);
      }
      if (service == null && uz.onesim.backend.internal.ServiceKeys.isPublicKey(serviceKey)) {
        throw uz.onesim.core.ConfigurationException.invalid("serviceKey",
            "this is the project's public anon/publishable key; the backend needs the service_role or sb_secret_ key");
      }
      PostgrestClient client = service != null ? service
          : PostgrestClient.builder().supabaseUrl(supabaseUrl).apiKey(serviceKey).build();
      return new OneSimBackend(client, esim);
    }

    @Override
    public String toString() {
      return "OneSimBackend.Builder{supabaseUrl=" + supabaseUrl + ", keys redacted}";
    }
  }
}
