package uz.onesim.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared pricing vectors: the contract every implementation of OneSIM's price must meet to the
 * cent and the som (this library's {@link PriceQuote}, the schema's SQL functions, a storefront's
 * own code). Computed independently of the code under test; the file's header documents the
 * format. See {@code docs/money.md}.
 */
public final class PricingVectors {
  /** One vector: the inputs and the five amounts any implementation must produce from them. */
  public record Vector(
      int line,
      BigDecimal retailUsd,
      BigDecimal rate,
      BigDecimal fx,
      BigDecimal discountUsd,
      BigDecimal paidUsd,
      BigDecimal retailUzs,
      BigDecimal paidUzs,
      BigDecimal discountUzs) {
    @Override
    public String toString() {
      return "line " + line + ": " + retailUsd + " @ " + rate + "% fx " + fx;
    }
  }

  private static final String HEADER =
      "retail_usd,rate,fx,discount_usd,paid_usd,retail_uzs,paid_uzs,discount_uzs";

  private PricingVectors() {}

  /** Every vector of the file, in file order; each remembers its line number for messages. */
  public static List<Vector> load() {
    try (InputStream in = PricingVectors.class.getResourceAsStream("pricing-vectors.csv")) {
      if (in == null) {
        throw new IllegalStateException("pricing-vectors.csv is missing from onesim-core");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<Vector> vectors = new ArrayList<>();
      boolean headerSeen = false;
      int lineNo = 0;
      for (String line; (line = reader.readLine()) != null; ) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (!headerSeen) {
          if (!line.equals(HEADER)) {
            throw new IllegalStateException("unexpected header: " + line);
          }
          headerSeen = true;
          continue;
        }
        String[] f = line.split(",", -1);
        if (f.length != 8) {
          throw new IllegalStateException("line " + lineNo + " has " + f.length + " fields");
        }
        vectors.add(new Vector(lineNo, d(f[0]), d(f[1]), d(f[2]), d(f[3]), d(f[4]), d(f[5]), d(f[6]), d(f[7])));
      }
      return vectors;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BigDecimal d(String s) {
    return new BigDecimal(s.trim());
  }
}
