package uz.onesim.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What-if scripts for the purchase benchmarks: SQL that changes the schema of a benchmark's own
 * database before it measures, to see what a design would cost without building it (resources in
 * {@code what-if/}, or files). Several names joined with {@code +} are one script, run in that order.
 */
final class WhatIfScripts {
  private WhatIfScripts() {}

  /**
   * The scripts {@code names} names, each followed by an empty line (single-user mode's {@code -j}
   * ends a statement at a semicolon followed by one).
   */
  static String load(String names) throws IOException {
    StringBuilder sql = new StringBuilder();
    for (String name : names.split("\\+")) {
      try (InputStream in = WhatIfScripts.class.getClassLoader().getResourceAsStream(name)) {
        sql.append(in != null ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : Files.readString(Path.of(name)))
            .append("\n\n");
      }
    }
    return sql.toString();
  }
}
