package uz.onesim.backend;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.core.Sleeper;
import uz.onesim.esimaccess.RequestBudget;

/**
 * The eSIM Access account's request budget, kept in the database so every worker of every backend
 * instance shares it: each request takes the next free slot ({@code take_provider_slot}, one short
 * row lock) and waits for it. Costs one database round trip per provider request (at most 8 a
 * second). Give it to the provider client:
 *
 * <pre>{@code
 * EsimAccessClient esim = EsimAccessClient.builder().accessCode(code).secretKey(secret)
 *     .requestBudget(ProviderRateBudget.shared(serviceClient, 8)).build();
 * }</pre>
 */
public final class ProviderRateBudget implements RequestBudget {
  private final PostgrestClient service;
  private final BigDecimal perSecond;
  private final Sleeper sleeper;
  private final java.util.concurrent.atomic.AtomicLong waits = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong waitedMillis = new java.util.concurrent.atomic.AtomicLong();

  private ProviderRateBudget(PostgrestClient service, double perSecond, Sleeper sleeper) {
    if (!(perSecond > 0 && perSecond <= 1000)) {
      throw new IllegalArgumentException("perSecond must be more than 0 and at most 1000: " + perSecond);
    }
    this.service = service;
    this.perSecond = BigDecimal.valueOf(perSecond);
    this.sleeper = sleeper;
  }

  /** The account's budget of {@code perSecond} requests, through the service-key client. */
  public static ProviderRateBudget shared(PostgrestClient serviceClient, double perSecond) {
    return new ProviderRateBudget(serviceClient, perSecond, Sleeper.SYSTEM);
  }

  @Override
  public void acquire() throws InterruptedException {
    int waitMillis = service.rpc("take_provider_slot", Map.of("p_per_second", perSecond)).json().asInt();
    if (waitMillis > 0) {
      waits.incrementAndGet();
      waitedMillis.addAndGet(waitMillis);
      sleeper.sleep(Duration.ofMillis(waitMillis));
    }
  }

  /** Requests of this instance that waited for a slot (the account's rate was reached). */
  public long waits() {
    return waits.get();
  }

  /** How long they waited in all. */
  public Duration waited() {
    return Duration.ofMillis(waitedMillis.get());
  }
}
