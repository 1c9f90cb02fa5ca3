package uz.onesim.backend;

import java.time.Duration;
import uz.onesim.esimaccess.EsimAccessClient;

/**
 * A fulfilment worker in a process of its own, for tests that kill it by PID mid-batch
 * ({@code ProcessFaultsTest}). Arguments: Supabase URL, secret key, simulator URL, access code,
 * simulator secret, worker name, lease in seconds, and the {@code esim/order} call after whose answer
 * the process hangs (the provider placed the order, the worker never records it; 0: never).
 * Prints one line per pass.
 */
public final class WorkerProcessMain {
  private WorkerProcessMain() {}

  public static void main(String[] args) throws Exception {
    int hangAfter = Integer.parseInt(args[7]);
    java.util.concurrent.atomic.AtomicInteger orders = new java.util.concurrent.atomic.AtomicInteger();
    okhttp3.OkHttpClient http = new okhttp3.OkHttpClient.Builder().addInterceptor(chain -> {
      okhttp3.Response answered = chain.proceed(chain.request());
      if (chain.request().url().encodedPath().endsWith("esim/order") && orders.incrementAndGet() == hangAfter) {
        System.out.println("hanging after the answer of esim/order #" + hangAfter);
        try {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return answered;
    }).build();
    EsimAccessClient esim = EsimAccessClient.builder().baseUrl(args[2]).accessCode(args[3]).secretKey(args[4])
        .okHttpClient(http).requestsPerSecond(10_000).maxRetries(0).timeouts(Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(60)).build();
    OneSimBackend backend = OneSimBackend.builder().supabaseUrl(args[0]).serviceKey(args[1]).esimAccess(esim).build();
    FulfilmentWorker worker = backend.fulfilmentWorker(args[5],
        new FulfilmentWorker.Options(1000, Duration.ofSeconds(Long.parseLong(args[6])), 30, Duration.ZERO));
    System.out.println("ready");
    while (true) {
      FulfilmentReport r = worker.runOnce();
      System.out.println("pass claimed=" + r.claimed() + " placed=" + r.providerOrders().size());
      Thread.sleep(100);
    }
  }
}
