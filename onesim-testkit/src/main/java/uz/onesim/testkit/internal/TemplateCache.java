package uz.onesim.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * A PostgreSQL data directory with the migrated template databases already built, shared by the
 * test JVMs of one machine: the first JVM builds the templates and publishes a copy of its data
 * directory (after a checkpoint, under a name of its own, then moved into place atomically); later
 * JVMs start their server on a copy of it instead of migrating again. Keyed by the SHA-256 of
 * every file that shapes the templates (the Supabase-like environment, the reset baseline, the
 * sample data, every migration), so a changed migration builds a new one. Lives under
 * {@code java.io.tmpdir/onesim-pg-templates}.
 */
public final class TemplateCache {
  private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "epg-lock", "postmaster.opts");
  private static final String READY = "onesim-templates-ready";

  private TemplateCache() {}

  /** Where this machine's caches live. */
  public static Path root() {
    return Path.of(System.getProperty("java.io.tmpdir"), "onesim-pg-templates");
  }

  /** A new, empty data directory for a server of this JVM. */
  public static Path newRunDirectory() {
    try {
      Path runs = root().resolve("runs");
      Files.createDirectories(runs);
      // data directories of JVMs that were killed before they could delete theirs
      long stale = System.currentTimeMillis() - java.time.Duration.ofHours(12).toMillis();
      try (var old = Files.list(runs)) {
        old.filter(d -> d.toFile().lastModified() < stale).forEach(TemplateCache::delete);
      }
      return Files.createTempDirectory(runs, "pg-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A private copy of the published data directory for the current key, if one is published. */
  public static Optional<Path> copyOfPublished(String key) {
    Path golden = root().resolve(key);
    if (!Files.exists(golden.resolve(READY))) {
      return Optional.empty();
    }
    Path copy = newRunDirectory();
    try {
      copyTree(golden, copy);
      Files.deleteIfExists(copy.resolve(READY));
      return Optional.of(copy);
    } catch (IOException | UncheckedIOException e) {
      delete(copy);
      return Optional.empty();   // a half-deleted or racing cache: build the templates instead
    }
  }

  /** Publishes {@code dataDirectory} (checkpointed, nothing writing) as the data directory for {@code key}. */
  public static void publish(String key, Path dataDirectory) {
    Path golden = root().resolve(key);
    if (Files.exists(golden)) {
      return;
    }
    Path staging = root().resolve("staging-" + UUID.randomUUID());
    try {
      copyTree(dataDirectory, staging);
      Files.writeString(staging.resolve(READY), key);
      Files.move(staging, golden, StandardCopyOption.ATOMIC_MOVE);
      try (var others = Files.list(root())) {   // caches of migrations that have changed since
        others.filter(d -> d.getFileName().toString().matches("[0-9a-f]{32}") && !d.equals(golden)).forEach(TemplateCache::delete);
      }
    } catch (IOException | UncheckedIOException e) {
      delete(staging);   // another JVM published first, or the disk is full: the next JVM builds its own
    }
  }

  /** The key for the files that shape the templates, read from the classpath. */
  public static String key(Class<?> anchor, String... resources) {
    TreeMap<String, byte[]> files = new TreeMap<>();
    try {
      for (String r : resources) {
        try (InputStream in = anchor.getResourceAsStream(r)) {
          files.put(r, in == null ? new byte[0] : in.readAllBytes());
        }
      }
      URL migrations = anchor.getClassLoader().getResource("db/migration");
      if (migrations == null) {
        throw new IllegalStateException("db/migration is not on the classpath");
      }
      if ("jar".equals(migrations.getProtocol())) {
        JarURLConnection c = (JarURLConnection) migrations.openConnection();
        c.setUseCaches(false);
        try (JarFile jar = c.getJarFile()) {
          for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            JarEntry entry = e.nextElement();
            if (entry.getName().startsWith("db/migration/") && !entry.isDirectory()) {
              try (InputStream in = jar.getInputStream(entry)) {
                files.put(entry.getName(), in.readAllBytes());
              }
            }
          }
        }
      } else {
        Path dir = Path.of(migrations.toURI());
        try (var stream = Files.list(dir)) {
          for (Path p : stream.toList()) {
            files.put("db/migration/" + p.getFileName(), Files.readAllBytes(p));
          }
        }
      }
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("pg17-templates-v1".getBytes());
      files.forEach((name, bytes) -> {
        sha.update(name.getBytes());
        sha.update(bytes);
      });
      return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes a directory tree, quietly. */
  public static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException ignored) {
      // what is left is under tmp
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (!NOT_COPIED.contains(file.getFileName().toString())) {
          Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    // PostgreSQL refuses a data directory others can read
    to.toFile().setReadable(false, false);
    to.toFile().setReadable(true, true);
    to.toFile().setWritable(false, false);
    to.toFile().setWritable(true, true);
    to.toFile().setExecutable(false, false);
    to.toFile().setExecutable(true, true);
  }
}
