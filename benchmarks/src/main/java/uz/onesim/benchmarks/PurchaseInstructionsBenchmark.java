package uz.onesim.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.PartnerAccount;
import uz.onesim.testkit.SampleData;

/**
 * What one single-eSIM partner purchase costs PostgreSQL, in instructions (issue 29). Timings on this
 * machine vary by ±25 % between identical runs; an instruction count repeats to 0.01 %, so a change of
 * 1 % is visible. The purchase runs as PostgREST runs it (role authenticated, the partner's JWT claims,
 * {@code place_partner_order}) in a single-user backend over a copy of a migrated LocalSupabase
 * database, under valgrind; the count for n1 purchases is subtracted from the count for n2, so start-up
 * and the first calls' compilation cancel out. Needs valgrind on the PATH (run as root, the backend is
 * started as nobody: PostgreSQL refuses root).
 *
 * <p>It prints three counts side by side: one purchase of one eSIM; the cost per order of a purchase of
 * 20 (one call); and one purchase again after the ledger grew to 250 000 rows (100 000 of them the
 * buyer's own), the issue's "flat as history grows" without the timing noise.
 *
 * <p>Its arguments are what-if scripts, each measured as one more single purchase after the script
 * ran in the copy; scripts joined with {@code +} are measured together. In {@code what-if/}:
 * {@code value-domains.sql} (the purchase path's value rules as domains), and the floors
 * {@code no-checks.sql}, {@code no-foreign-keys.sql}, {@code no-secondary-indexes.sql} and
 * {@code direct-writes.sql} (the purchase writes its rows itself, every trigger off).
 *
 * <pre>./mvnw -q -pl benchmarks -am compile exec:java -Dexec.mainClass=uz.onesim.benchmarks.PurchaseInstructionsBenchmark \
 *     "-Dexec.args=what-if/value-domains.sql what-if/value-domains.sql+what-if/direct-writes.sql"</pre>
 */
public final class PurchaseInstructionsBenchmark {
  private static final int WARM = 5;
  private static final int N1 = 5;
  private static final int N2 = 25;
  private static final int GROUP = 20;
  private static final int HISTORY = 250_000;
  private static final int OWN_HISTORY = 100_000;
  private static final Pattern REFS = Pattern.compile("I\\s+refs:\\s+([\\d,]+)");

  private PurchaseInstructionsBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path copy = Files.createTempDirectory("onesim-pg-copy");
    Path grown = Files.createTempDirectory("onesim-pg-grown");
    Path postgres;
    String database;
    UUID user;
    UUID customer;
    try (LocalSupabase supabase = LocalSupabase.start()) {
      PartnerAccount p = supabase.createPartner("Instructions Partner", "instructions@example.com", null, "active");
      user = p.userId();
      database = supabase.database().name();
      customer = (UUID) supabase.database().value(Identity.user(user),
          "insert into partner_customers (first_name, last_name, email) values ('C', 'P', 'ci@example.com') returning id");
      supabase.database().update(Identity.superuser(), "update partners set balance_usd = 1000000 where id = ?", p.partnerId());
      Path data = Path.of((String) supabase.database().value(Identity.superuser(), "select current_setting('data_directory')"));
      long pid = ((Number) supabase.database().value(Identity.superuser(), "select pg_backend_pid()")).longValue();
      postgres = Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe"));
      snapshot(supabase, data, copy);
      // a year of business: other partners' ledger rows and the buyer's own (written with triggers off:
      // only the table's size matters here)
      supabase.database().executeScript(String.format("""
          set session_replication_role = replica;
          insert into partner_ledger (partner_id, kind, amount_usd, reference)
          select '%1$s', 'adjustment', 0.01, 'own-' || g from generate_series(1, %2$d) g;
          insert into partner_ledger (partner_id, kind, amount_usd, reference)
          select p.id, 'adjustment', 0.01, 'other-' || g
          from partners p cross join generate_series(1, %3$d / greatest(1, (select count(*) from partners) - 1)) g
          where p.id <> '%1$s';
          set session_replication_role = origin;
          """, p.partnerId(), OWN_HISTORY, HISTORY - OWN_HISTORY));
      try (var c = supabase.database().connect(); var st = c.createStatement()) {
        st.execute("vacuum analyze");
      }
      System.out.printf("ledger rows after growing: %,d%n", ((Number) supabase.database().value(Identity.superuser(),
          "select count(*) from partner_ledger")).longValue());
      snapshot(supabase, data, grown);
    }
    long single = perPurchase(postgres, copy, database, user, customer, 1, "");
    long group = perPurchase(postgres, copy, database, user, customer, GROUP, "") / GROUP;
    long history = perPurchase(postgres, grown, database, user, customer, 1, "");
    System.out.printf("one partner purchase (place_partner_order, one eSIM): %,d instructions in PostgreSQL%n", single);
    System.out.printf("per order in a purchase of %d (one call): %,d (%.2fx a single purchase)%n", GROUP, group, group / (double) single);
    System.out.printf("one purchase with %,d ledger rows: %,d (%.2fx the purchase on a small ledger)%n", HISTORY, history,
        history / (double) single);
    for (String whatIf : args) {
      long changed = perPurchase(postgres, copy, database, user, customer, 1, WhatIfScripts.load(whatIf));
      System.out.printf("one purchase after %s: %,d (%+.1f %%)%n", whatIf, changed, 100.0 * (changed - single) / single);
    }
    deleteTree(copy);
    deleteTree(grown);
    System.exit(0);
  }

  /** Copies the running database's files once it is idle after a checkpoint, as a clean shutdown leaves them. */
  static void snapshot(LocalSupabase supabase, Path data, Path to) throws IOException {
    supabase.database().update(Identity.superuser(), "checkpoint");
    copyTree(data, to);
    Files.deleteIfExists(to.resolve("postmaster.pid"));
  }

  /** Instructions per call of {@code quantity} eSIMs: N2 calls minus N1 calls, over a copy of {@code data}. */
  static long perPurchase(Path postgres, Path data, String database, UUID user, UUID customer, int quantity, String before)
      throws IOException, InterruptedException {
    long a = instructions(postgres, data, database, before + purchases(user, customer, WARM + N1, quantity));
    long b = instructions(postgres, data, database, before + purchases(user, customer, WARM + N2, quantity));
    return (b - a) / (N2 - N1);
  }

  static String purchases(UUID user, UUID customer, int n, int quantity) {
    StringBuilder sql = new StringBuilder();
    String claims = "{\"sub\":\"" + user + "\",\"role\":\"authenticated\",\"aud\":\"authenticated\"}";
    for (int i = 0; i < n; i++) {
      // single-user mode with -j: a statement ends at a semicolon followed by an empty line
      sql.append("begin;\n\n")
          .append("select set_config('request.jwt.claims', '").append(claims).append("', true);\n\n")
          .append("set local role authenticated;\n\n")
          .append("select count(*) from public.place_partner_order(p_customer_id => '").append(customer)
          .append("', p_package_code => '").append(SampleData.TR_1GB).append("', p_quantity => ").append(quantity).append(", p_idempotency_key => gen_random_uuid()::text);\n\n")
          .append("commit;\n\n");
    }
    return sql.toString();
  }

  /** Instructions valgrind counts for a single-user backend running {@code sql} over a fresh copy of {@code data}. */
  static long instructions(Path postgres, Path data, String database, String sql) throws IOException, InterruptedException {
    Path run = Files.createTempDirectory("onesim-pg-run");
    copyTree(data, run);
    Path input = Files.createTempFile("purchases", ".sql");
    Files.writeString(input, sql);
    List<String> command = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      new ProcessBuilder("chown", "-R", "65534:65534", run.toString()).inheritIO().start().waitFor();
      input.toFile().setReadable(true, false);
      command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
    }
    command.addAll(List.of("valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
        postgres.toString(), "--single", "-j", "-D", run.toString(), database));
    Process p = new ProcessBuilder(command).redirectInput(input.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    deleteTree(run);
    Files.delete(input);
    if (out.contains("ERROR:")) {
      throw new IllegalStateException("a purchase failed in the single-user backend:\n" + out.lines()
          .filter(l -> l.contains("ERROR:")).findFirst().orElse(""));
    }
    Matcher m = REFS.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no instruction count from valgrind:\n" + out);
    }
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path source : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else if (Files.isRegularFile(source)) {
          Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
