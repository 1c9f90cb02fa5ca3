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
 * FulfilmentReport report = backend.fulfilmentWorker("worker-1").runOnce();
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

  /** The fulfilment worker named {@code worker} with default options (several may run at once). */
  public FulfilmentWorker fulfilmentWorker(String worker) {
    return new FulfilmentWorker(service, esim, worker, FulfilmentWorker.Options.defaults());
  }

  /** The fulfilment worker named {@code worker} with the given options. */
  public FulfilmentWorker fulfilmentWorker(String worker, FulfilmentWorker.Options options) {
    return new FulfilmentWorker(service, esim, worker, options);
  }

  /** A fulfilment worker that hands each allocated eSIM to the channel of its order's delivery method. */
  public FulfilmentWorker fulfilmentWorker(String worker, FulfilmentWorker.Options options, List<DeliveryChannel> channels) {
    return new FulfilmentWorker(service, esim, worker, options, channels);
  }

  /** The reconcile worker named {@code worker}: finishes batches a crash or a lost webhook left in between. */
  public ReconcileWorker reconcileWorker(String worker, FulfilmentWorker.Options options, List<DeliveryChannel> channels) {
    return new ReconcileWorker(fulfilmentWorker(worker, options, channels));
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
  public AfterSaleWorker afterSaleWorker(String worker, FulfilmentWorker fulfiller) {
    return afterSaleWorker(worker, fulfiller, AfterSaleWorker.DEFAULTS);
  }

  /** The same with other batch size and lease. */
  public AfterSaleWorker afterSaleWorker(String worker, FulfilmentWorker fulfiller, WorkerOptions options) {
    return new AfterSaleWorker(service, fulfiller, worker, options);
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
  public PartnerWebhookWorker partnerWebhookWorker(String worker) {
    return partnerWebhookWorker(worker, PartnerWebhookWorker.DEFAULTS);
  }

  /** The same with other batch size and lease. */
  public PartnerWebhookWorker partnerWebhookWorker(String worker, WorkerOptions options) {
    return new PartnerWebhookWorker(service, worker, options, java.time.Duration.ofSeconds(10), java.time.Clock.systemUTC());
  }

  /**
   * Receives the provider's webhook deliveries into the database (never lost, stored once per
   * {@code notifyId}), from the senders in {@code allowedIps} only (e.g.
   * {@link uz.onesim.esimaccess.ProviderEventHandler#PROVIDER_IPS}).
   */
  public ProviderEventReceiver providerEventReceiver(java.util.Set<String> allowedIps) {
    return new ProviderEventReceiver(service, java.util.Objects.requireNonNull(allowedIps,
        "allowedIps == null: use providerEventReceiverFromAnySender() to accept every sender"));
  }

  /** Like {@link #providerEventReceiver(java.util.Set)} but from any sender (behind a proxy that checks them, or in tests). */
  public ProviderEventReceiver providerEventReceiverFromAnySender() {
    return new ProviderEventReceiver(service, null);
  }

  /** Applies stored provider events: {@code runOnce()} on a schedule; several may run. */
  public ProviderEventWorker providerEventWorker(String worker, FulfilmentWorker fulfiller, LifecycleOptions options) {
    return providerEventWorker(worker, fulfiller, options, ProviderEventWorker.DEFAULTS);
  }

  /** The same with other batch size and lease. */
  public ProviderEventWorker providerEventWorker(String worker, FulfilmentWorker fulfiller, LifecycleOptions options,
      WorkerOptions work) {
    return new ProviderEventWorker(service, esim, fulfiller, worker, options, work);
  }

  /** Polls the provider for the data use of live eSIMs and raises the lifecycle alerts due. */
  public UsageWorker usageWorker(LifecycleOptions options) {
    return usageWorker(options, UsageWorker.DEFAULTS);
  }

  /** The same checking up to {@code work.batchSize()} eSIMs per pass. */
  public UsageWorker usageWorker(LifecycleOptions options, WorkerOptions work) {
    return new UsageWorker(service, esim, options, work);
  }

  /** Sends travellers their lifecycle notices through {@code channels} (by the order's delivery method). */
  public NoticeWorker noticeWorker(String worker, List<DeliveryChannel> channels) {
    return noticeWorker(worker, channels, NoticeWorker.DEFAULTS);
  }

  /** The same with other batch size and lease. */
  public NoticeWorker noticeWorker(String worker, List<DeliveryChannel> channels, WorkerOptions work) {
    return new NoticeWorker(service, worker, channels, work);
  }

  /**
   * Starts every backend worker on its own thread (docs/operations.md: what runs, how often):
   * fulfilment, reconcile (which also allocates orders whose provider webhook never came), provider
   * events, the usage sweep, traveller notices, top-ups, partner webhooks, after-sale requests and
   * the expiry of unpaid shop orders. Close the scheduler to stop them. Several instances may run.
   */
  public WorkerScheduler workers(WorkerPlan plan) {
    String at = plan.instance();
    FulfilmentWorker fulfilment = fulfilmentWorker(at + "-fulfilment", plan.fulfilment(), plan.channels());
    PaymentService payments = payments();
    return WorkerScheduler.start(List.of(
        new WorkerScheduler.Scheduled(fulfilment, plan.every(2)),
        new WorkerScheduler.Scheduled(reconcileWorker(at + "-reconcile", plan.fulfilment(), plan.channels()), plan.every(30)),
        new WorkerScheduler.Scheduled(providerEventWorker(at + "-events", fulfilment, plan.lifecycle()), plan.every(2)),
        new WorkerScheduler.Scheduled(usageWorker(plan.lifecycle()), plan.every(300)),
        new WorkerScheduler.Scheduled(noticeWorker(at + "-notices", plan.channels()), plan.every(10)),
        new WorkerScheduler.Scheduled(topUpWorker(at + "-topups"), plan.every(5)),
        new WorkerScheduler.Scheduled(partnerWebhookWorker(at + "-webhooks"), plan.every(2)),
        new WorkerScheduler.Scheduled(afterSaleWorker(at + "-after-sale", fulfilment), plan.every(10)),
        new WorkerScheduler.Scheduled(payments.unpaidOrderWorker(plan.unpaidOrderTimeout()), plan.every(60))),
        plan.shutdownDeadline());
  }

  /**
   * The backend's health (see {@link BackendHealth}): the database reachable and migrated (its
   * schema version and backlogs in one round trip), the provider reachable and its balance above
   * {@code thresholds}, and — when {@code workers} is given — every worker's last success and lag.
   */
  public BackendHealth health(WorkerScheduler workers, BackendHealth.Thresholds thresholds) {
    List<BackendHealth.Component> out = new java.util.ArrayList<>();
    try {
      BackendHealth.Figures f = figures();
      out.add(databaseComponent(f.schemaVersion()));
      java.time.Duration wait = f.oldestUnfulfilledPaidAt() == null ? java.time.Duration.ZERO
          : java.time.Duration.between(f.oldestUnfulfilledPaidAt(), java.time.OffsetDateTime.now());
      out.add(new BackendHealth.Component("fulfilment", wait.compareTo(thresholds.maxFulfilmentWait()) > 0 || f.ordersNeedsReview() > 0
          ? BackendHealth.Status.DEGRADED : BackendHealth.Status.UP, "oldest paid order waiting " + wait.toSeconds() + " s, "
          + f.ordersProcessing() + " processing, " + f.ordersNeedsReview() + " needing a person"));
      out.add(new BackendHealth.Component("outboxes", f.partnerWebhooksFailed() > 0 || f.topUpsNeedsReview() > 0
          ? BackendHealth.Status.DEGRADED : BackendHealth.Status.UP,
          "provider events pending " + f.providerEventsPending() + ", partner webhooks pending " + f.partnerWebhooksPending()
              + " failed " + f.partnerWebhooksFailed() + ", notices pending " + f.noticesPending() + ", top-ups pending " + f.topUpsPending()
              + " needing a person " + f.topUpsNeedsReview()));
    } catch (RuntimeException e) {
      out.add(new BackendHealth.Component("database", BackendHealth.Status.DOWN, e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
    try {
      javax.money.MonetaryAmount balance = esim.balance();
      out.add(new BackendHealth.Component("provider", balance.isLessThan(thresholds.minProviderBalance())
          ? BackendHealth.Status.DEGRADED : BackendHealth.Status.UP, "balance " + uz.onesim.core.Amounts.decimal(balance) + " USD"));
    } catch (RuntimeException e) {
      out.add(new BackendHealth.Component("provider", BackendHealth.Status.DOWN, e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
    if (workers != null) {
      for (WorkerHealth w : workers.health()) {
        out.add(new BackendHealth.Component("worker:" + w.name(), w.healthy(thresholds.maxWorkerLag()) ? BackendHealth.Status.UP
            : BackendHealth.Status.DEGRADED, "passes " + w.passes() + ", failures " + w.failures()
            + (w.lastError() == null ? "" : ", last error " + w.lastError())));
      }
    }
    BackendHealth.Status worst = out.stream().map(BackendHealth.Component::status).max(java.util.Comparator.naturalOrder())
        .orElse(BackendHealth.Status.UP);
    return new BackendHealth(worst, out);
  }

  /** The database's figures for health and metrics, in one round trip. */
  static BackendHealth.Component databaseComponent(String schemaVersion) {
    int latest = uz.onesim.core.SchemaLayout.LATEST_VERSION;
    if (schemaVersion == null) {
      return new BackendHealth.Component("database", BackendHealth.Status.DEGRADED, "schema version unknown (no migration history)");
    }
    int version;
    try {
      version = Integer.parseInt(schemaVersion.trim());
    } catch (NumberFormatException e) {
      return new BackendHealth.Component("database", BackendHealth.Status.DEGRADED, "schema version " + schemaVersion);
    }
    if (version < latest) {
      return new BackendHealth.Component("database", BackendHealth.Status.DOWN, "schema version " + version
          + ", this SDK needs " + latest + ": run SchemaMigrations before starting it (docs/migrations.md)");
    }
    return new BackendHealth.Component("database", BackendHealth.Status.UP, "schema version " + version);
  }

  BackendHealth.Figures figures() {
    return BackendHealth.Figures.from(service.rpc("backend_health", java.util.Map.of()).get().json());
  }

  /**
   * Settles a top-up whose outcome at the provider could not be told ({@code needs_review}): a
   * person checked the provider's console and says whether it was applied, and how they know
   * ({@code note}, kept). Not applied: it fails and a partner is credited back once. Returns its status.
   */
  public String resolveTopUp(java.util.UUID topUpId, boolean applied, String note) {
    java.util.Map<String, Object> args = new java.util.LinkedHashMap<>();
    args.put("p_topup_id", topUpId);
    args.put("p_applied", applied);
    args.put("p_note", note);
    return service.rpc("resolve_topup", args).json().path("status").asText();
  }

  /**
   * Settles a paid batch in review (the provider kept refusing it for a reason we do not know; see
   * docs/esimaccess.md): a person checked the provider's console. {@code providerOrderNo} when the
   * provider holds an order for the batch's transaction id (recorded; reconcile allocates it), null
   * when it does not (the batch fails and partners are credited back). {@code note} says how they
   * know. Returns the orders' status.
   */
  public String resolveOrderReview(String transactionId, String providerOrderNo, String note) {
    java.util.Map<String, Object> args = new java.util.LinkedHashMap<>();
    args.put("p_transaction_id", transactionId);
    args.put("p_order_no", providerOrderNo);
    args.put("p_note", note);
    return service.rpc("resolve_order_review", args).json().asText();
  }

  /** Applies paid top-ups at the provider, exactly once: {@code runOnce()} on a schedule; several may run. */
  public TopUpWorker topUpWorker(String worker) {
    return topUpWorker(worker, TopUpWorker.DEFAULTS);
  }

  /** The same with other batch size and lease. */
  public TopUpWorker topUpWorker(String worker, WorkerOptions options) {
    return new TopUpWorker(service, esim, worker, options);
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
    if (uz.onesim.backend.internal.ServiceKeys.isPublicKey(key)) {
      throw uz.onesim.core.ConfigurationException.invalid("SUPABASE_SECRET_KEY",
          "this is the project's public anon/publishable key; the backend needs the service_role or sb_secret_ key");
    }
    PostgrestClient service = PostgrestClient.builder().supabaseUrl(url).apiKey(key).build();
    // every instance started from the environment shares the account's request budget (docs/operations.md)
    EsimAccessClient.Builder esim = EsimAccessClient.builder().accessCode(code).requestBudget(ProviderRateBudget.shared(service, 8));
    if (secret != null) {
      esim.secretKey(secret);
    }
    if (base != null) {
      esim.baseUrl(base);
    }
    return builder().postgrest(service).esimAccess(esim.build()).build();
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
