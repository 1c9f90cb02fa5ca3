package uz.onesim.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time used so far by each part of a local stack, read from Linux's {@code /proc}: PostgreSQL
 * (the server and every backend still alive), PostgREST, and this JVM (the client, and the
 * testkit's gateway when it is used). Two snapshots around N calls give the CPU each call costs
 * each part. Empty where there is no {@code /proc}.
 */
final class ProcessCpu {
  private static final double MS_PER_TICK = 10.0;   // USER_HZ is 100 on Linux

  private ProcessCpu() {}

  /** Milliseconds of CPU (user + system) per part: "postgres", "postgrest", "jvm". */
  static Map<String, Double> snapshot() {
    Map<String, Double> out = new TreeMap<>();
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc)) {
      return out;
    }
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path p : pids) {
        String part = partOf(p, self);
        if (part != null) {
          long ticks = ticks(p);
          if (ticks >= 0) {
            out.merge(part, ticks * MS_PER_TICK, Double::sum);
          }
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return out;
  }

  /** Per call: {@code (after - before) / calls} for each part, formatted. */
  static String perCall(Map<String, Double> before, Map<String, Double> after, int calls) {
    if (after.isEmpty()) {
      return "CPU per call: n/a (no /proc)";
    }
    StringBuilder s = new StringBuilder("CPU per call:");
    after.forEach((part, ms) -> s.append(String.format(" %s %.2f ms", part, (ms - before.getOrDefault(part, 0.0)) / calls)));
    return s.toString();
  }

  private static String partOf(Path p, long self) {
    try {
      if (Long.parseLong(p.getFileName().toString()) == self) {
        return "jvm";
      }
      String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
      if (cmd.contains("postgrest")) {
        return "postgrest";
      }
      return cmd.startsWith("postgres") ? "postgres" : null;
    } catch (IOException | NumberFormatException e) {
      return null;   // the process ended meanwhile
    }
  }

  private static long ticks(Path p) {
    try {
      String stat = Files.readString(p.resolve("stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);   // utime, stime
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
