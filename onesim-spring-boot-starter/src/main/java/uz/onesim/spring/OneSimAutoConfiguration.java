package uz.onesim.spring;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uz.onesim.backend.BackendHealth;
import uz.onesim.backend.DeliveryChannel;
import uz.onesim.backend.OneSimBackend;
import uz.onesim.backend.ProviderEventReceiver;
import uz.onesim.client.OneSim;
import uz.onesim.esimaccess.EsimAccessClient;
import uz.onesim.esimaccess.ProviderEventHandler;

/**
 * What the starter configures from {@link OneSimProperties} (each bean only when the application
 * has none of its own): {@code OneSim} with {@code onesim.supabase-url} and {@code onesim.api-key};
 * with {@code onesim.service-key} and {@code onesim.esimaccess.access-code} also the provider client,
 * {@code OneSimBackend}, its workers ({@link OneSimWorkers}, unless {@code onesim.workers.enabled=false};
 * the context's {@code DeliveryChannel} beans deliver), the {@code oneSim} health indicator (with
 * Actuator), the metrics (with a {@code MeterRegistry}) and, opted in, the provider-event endpoint and
 * the shop's payment webhook (with the application's {@code PaymentConfirmation} adapter).
 */
@AutoConfiguration
@EnableConfigurationProperties(OneSimProperties.class)
public class OneSimAutoConfiguration {
  /** The client every app, partner and admin session starts from. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "onesim", name = {"supabase-url", "api-key"})
  public OneSim oneSim(OneSimProperties p) {
    return OneSim.builder().supabaseUrl(p.getSupabaseUrl()).apiKey(p.getApiKey()).build();
  }

  /** OneSIM's own servers: the provider client, the backend and what runs with it. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "onesim", name = {"supabase-url", "service-key", "esimaccess.access-code"})
  public static class Backend {
    /** The eSIM Access client. */
    @Bean
    @ConditionalOnMissingBean
    public EsimAccessClient esimAccessClient(OneSimProperties p) {
      EsimAccessClient.Builder b = EsimAccessClient.builder().accessCode(p.getEsimaccess().getAccessCode())
          .secretKey(p.getEsimaccess().getSecretKey());
      if (p.getEsimaccess().getBaseUrl() != null) {
        b.baseUrl(p.getEsimaccess().getBaseUrl());
      }
      if (p.getEsimaccess().getRequestsPerSecond() != null) {
        b.requestsPerSecond(p.getEsimaccess().getRequestsPerSecond());
      }
      return b.build();
    }

    /** The backend. */
    @Bean
    @ConditionalOnMissingBean
    public OneSimBackend oneSimBackend(OneSimProperties p, EsimAccessClient esim) {
      return OneSimBackend.builder().supabaseUrl(p.getSupabaseUrl()).serviceKey(p.getServiceKey()).esimAccess(esim).build();
    }

    /** Every worker on its schedule, started and stopped with the application. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "onesim.workers", name = "enabled", havingValue = "true", matchIfMissing = true)
    public OneSimWorkers oneSimWorkers(OneSimBackend backend, OneSimProperties p, ObjectProvider<DeliveryChannel> channels,
        ObjectProvider<MetricsBinder> metrics) {
      List<DeliveryChannel> found = channels.orderedStream().toList();
      return new OneSimWorkers(backend, OneSimWorkers.plan(p.getWorkers(), found),
          scheduler -> metrics.ifAvailable(m -> m.bind(scheduler)));
    }

    /** {@code /actuator/health}'s {@code oneSim} component. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    public static class Health {
      @Bean
      @ConditionalOnMissingBean
      public OneSimHealthIndicator oneSimHealthIndicator(OneSimBackend backend, ObjectProvider<OneSimWorkers> workers) {
        return new OneSimHealthIndicator(backend, workers.getIfAvailable(), BackendHealth.Thresholds.defaults());
      }
    }

    /** The backend's metrics on the application's registry (names in docs/operations.md). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    public static class Metrics {
      @Bean
      @ConditionalOnMissingBean
      public MetricsBinder oneSimMetricsBinder(ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry,
          OneSimBackend backend, EsimAccessClient esim) {
        return scheduler -> registry.ifAvailable(r -> uz.onesim.backend.BackendMetrics.bind(r, backend, esim, scheduler));
      }
    }

    /** The endpoint eSIM Access posts to, when the application opts in. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
    @ConditionalOnProperty(prefix = "onesim.provider-events", name = "enabled", havingValue = "true")
    public static class ProviderEvents {
      @Bean
      @ConditionalOnMissingBean
      public ProviderEventReceiver providerEventReceiver(OneSimBackend backend, OneSimProperties p) {
        OneSimProperties.ProviderEvents settings = p.getProviderEvents();
        if (settings.isAnySender()) {
          return backend.providerEventReceiverFromAnySender();
        }
        return backend.providerEventReceiver(settings.getAllowedIps() == null ? ProviderEventHandler.PROVIDER_IPS : settings.getAllowedIps());
      }

      @Bean
      public ProviderEventController providerEventController(ProviderEventReceiver receiver) {
        return new ProviderEventController(receiver);
      }
    }

    /** The shop's payment webhook, when the application opts in and provides its provider's adapter. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
    @ConditionalOnProperty(prefix = "onesim.payments", name = "enabled", havingValue = "true")
    public static class Payments {
      @Bean
      public PaymentWebhookController paymentWebhookController(uz.onesim.backend.PaymentConfirmation adapter, OneSimBackend backend) {
        return new PaymentWebhookController(adapter, backend);
      }
    }
  }

  /** Binds the backend's metrics once the workers run (what the {@code Metrics} configuration provides). */
  @FunctionalInterface
  public interface MetricsBinder {
    void bind(uz.onesim.backend.WorkerScheduler scheduler);
  }
}
