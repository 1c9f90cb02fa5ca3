package uz.onesim.benchmarks;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import uz.onesim.client.CallOptions;
import uz.onesim.client.CustomerGroup;
import uz.onesim.client.OneSim;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.client.postgrest.PostgrestListener;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.SampleData;

/**
 * Bulk purchase for a group of N = 10, 50, 200 members: the SDK's one call versus a naive loop of
 * single orders, side by side on the same LocalSupabase. Prints HTTP round trips and wall time.
 *
 * <pre>./mvnw -q -pl benchmarks -am compile exec:java -Dexec.mainClass=uz.onesim.benchmarks.BulkPurchaseBenchmark</pre>
 */
public final class BulkPurchaseBenchmark {
  private BulkPurchaseBenchmark() {}

  public static void main(String[] args) {
    try (LocalSupabase supabase = LocalSupabase.start()) {
      AtomicInteger requests = new AtomicInteger();
      PostgrestClient db = PostgrestClient.builder().supabaseUrl(supabase.url()).apiKey(supabase.anonKey())
          .listener(PostgrestListener.counting(requests)).build();
      OneSim.UserSession partner = OneSim.builder().postgrest(db).build().asUser(supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
      // warm up both paths (plans, JIT) before anything is timed
      List<UUID> warm = supabase.database().query(Identity.user(SampleData.GRAND_TRAVEL_USER),
          "insert into partner_customers (first_name, last_name, email) select 'W', 'N' || i, 'warm-' || i || '@example.com' "
              + "from generate_series(1, 10) i returning id").stream().map(r -> (UUID) r.get("id")).toList();
      CustomerGroup warmGroup = partner.groups().create("Warm-up", "TR", "Turkiya", null, null);
      partner.groups().addMembers(warmGroup.id(), warm);
      for (int i = 0; i < 5; i++) {
        partner.orders().buyForGroup(warmGroup.id(), SampleData.TR_1GB, CallOptions.none());
        warm.forEach(m -> partner.orders().buyForCustomer(m, SampleData.TR_1GB, 1, CallOptions.none()));
      }
      System.out.printf("%-6s %14s %14s %12s %12s %8s %16s%n", "N", "SDK requests", "loop requests", "SDK ms", "loop ms", "ratio",
          "ms/order SDK, loop");
      for (int n : new int[] {10, 50, 200}) {
        List<UUID> members = supabase.database().query(Identity.user(SampleData.GRAND_TRAVEL_USER),
            "insert into partner_customers (first_name, last_name, email) select 'B', 'N' || i, 'bench' || ? || '-' || i || '@example.com' "
                + "from generate_series(1, ?) i returning id", n, n).stream().map(r -> (UUID) r.get("id")).toList();
        CustomerGroup g = partner.groups().create("Bench " + n, "TR", "Turkiya", null, null);
        partner.groups().addMembers(g.id(), members);

        long[] sdk = new long[3];   // the median of three group purchases of the same group
        int sdkRequests = 0;
        for (int r = 0; r < sdk.length; r++) {
          requests.set(0);
          long t0 = System.nanoTime();
          partner.orders().buyForGroup(g.id(), SampleData.TR_1GB, CallOptions.none());
          sdk[r] = System.nanoTime() - t0;
          sdkRequests = requests.get();
        }
        java.util.Arrays.sort(sdk);
        long sdkNs = sdk[1];

        requests.set(0);
        long t0 = System.nanoTime();
        for (UUID m : members) {
          partner.orders().buyForCustomer(m, SampleData.TR_1GB, 1, CallOptions.none());
        }
        long loopNs = System.nanoTime() - t0;
        int loopRequests = requests.get();
        System.out.printf("%-6d %14d %14d %12.1f %12.1f %7.1fx %8.2f, %6.2f%n", n, sdkRequests, loopRequests, sdkNs / 1e6, loopNs / 1e6,
            (double) loopNs / sdkNs, sdkNs / 1e6 / n, loopNs / 1e6 / n);
      }
    }
  }
}
