package uz.onesim.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.client.postgrest.PostgrestListener;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/**
 * PostgREST restarts (issue 26): while it is down the gateway answers 502 as Supabase's does; a
 * purchase carrying an idempotency key is repeated with the same key until PostgREST is back, and
 * exactly one order results.
 */
@ExtendWith(LocalSupabaseExtension.class)
class OutageTest {
  @Test
  void aKeyedPurchaseSucceedsAcrossAPostgrestRestartAndBuysOnce(LocalSupabase supabase) throws Exception {
    AtomicInteger gatewayErrors = new AtomicInteger();
    PostgrestClient db = PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey())
        .maxRetries(20).backoff(Duration.ofMillis(100), Duration.ofMillis(400))
        .listener(new PostgrestListener() {
          @Override
          public void requestEnd(Attempt a, int status, Duration took, String requestId, Throwable failure) {
            if (status == 502) {
              gatewayErrors.incrementAndGet();
            }
          }
        }).build();
    OneSim.UserSession grand = OneSim.builder().postgrest(db).build().asUser(supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
    supabase.stopPostgrest();
    try {
      CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
        try {
          Thread.sleep(700);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        supabase.startPostgrest();
      });
      List<Order> bought = grand.orders().buyForCustomer(SampleData.AZIZA, SampleData.TR_1GB, 1, CallOptions.idempotencyKey("outage-1"));
      restart.get();
      assertThat(bought).singleElement().satisfies(o -> assertThat(o.paid()).isEqualTo(uz.onesim.core.Amounts.usd("14.25")));
      assertThat(gatewayErrors.get()).as("the gateway answered 502 while PostgREST was down").isPositive();
      assertThat(supabase.database().value(Identity.superuser(), "select count(*) from orders where idempotency_key = 'outage-1'"))
          .as("one order for the key").isEqualTo(1L);
      assertThat(grand.orders().recent(10)).as("and reads work again").hasSize(1);
    } finally {
      supabase.startPostgrest();
    }
  }
}
