package uz.onesim.benchmarks;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.testkit.LocalSupabase;

/**
 * SDK overhead per simple GET, measured side by side in one run against the same LocalSupabase:
 * the SDK ({@code from().select().eq().json()}) versus a raw OkHttp call with a hand-built URL and
 * headers, sharing one connection pool. Rounds alternate to cancel drift; the figure is the ratio
 * of medians, plus bytes allocated per call on the calling thread.
 *
 * <pre>./mvnw -q -pl benchmarks -am compile exec:java</pre>
 */
public final class PostgrestOverheadBenchmark {
  private static final int ROUNDS = 9;
  private static final int CALLS = 400;

  private PostgrestOverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    try (LocalSupabase supabase = LocalSupabase.start()) {
      OkHttpClient ok = new OkHttpClient();
      PostgrestClient sdk = PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.anonKey()).okHttpClient(ok).build();
      Request raw = new Request.Builder()
          .url(supabase.url() + "/rest/v1/esim_packages?select=package_code,final_price_usd&package_code=eq.TR_1GB_7D")
          .header("apikey", supabase.anonKey()).header("Authorization", "Bearer " + supabase.anonKey()).build();
      Runnable rawCall = () -> {
        try (Response r = ok.newCall(raw).execute()) {
          if (r.code() != 200 || r.body().string().isEmpty()) {
            throw new IllegalStateException("raw call failed: " + r.code());
          }
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      };
      Runnable sdkCall = () -> {
        if (sdk.from("esim_packages").select("package_code,final_price_usd").eq("package_code", "TR_1GB_7D").json().size() != 1) {
          throw new IllegalStateException("sdk call failed");
        }
      };
      for (int i = 0; i < 2_000; i++) {
        rawCall.run();
        sdkCall.run();
      }
      ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
      long[] rawNs = new long[ROUNDS];
      long[] sdkNs = new long[ROUNDS];
      long[] rawBytes = new long[ROUNDS];
      long[] sdkBytes = new long[ROUNDS];
      for (int round = 0; round < ROUNDS; round++) {
        long[] r = measure(rawCall, mx);
        long[] s = measure(sdkCall, mx);
        rawNs[round] = r[0];
        rawBytes[round] = r[1];
        sdkNs[round] = s[0];
        sdkBytes[round] = s[1];
      }
      double rawMedian = median(rawNs) / 1_000.0;
      double sdkMedian = median(sdkNs) / 1_000.0;
      System.out.printf("PostgREST GET through LocalSupabase, %d rounds x %d calls, median per call:%n", ROUNDS, CALLS);
      System.out.printf("  raw OkHttp : %8.1f us   %,8d bytes allocated%n", rawMedian, median(rawBytes));
      System.out.printf("  SDK        : %8.1f us   %,8d bytes allocated%n", sdkMedian, median(sdkBytes));
      System.out.printf("  ratio SDK/raw: %.3fx (goal <= 1.10x)%n", sdkMedian / rawMedian);
    }
  }

  private static long[] measure(Runnable call, ThreadMXBean mx) {
    long tid = Thread.currentThread().getId();
    long bytes0 = mx.getThreadAllocatedBytes(tid);
    long t0 = System.nanoTime();
    for (int i = 0; i < CALLS; i++) {
      call.run();
    }
    long t1 = System.nanoTime();
    long bytes1 = mx.getThreadAllocatedBytes(tid);
    return new long[] {(t1 - t0) / CALLS, (bytes1 - bytes0) / CALLS};
  }

  private static long median(long[] xs) {
    long[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
