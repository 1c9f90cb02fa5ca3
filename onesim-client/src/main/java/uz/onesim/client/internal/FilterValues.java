package uz.onesim.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes Java values in PostgREST's filter grammar, quoting where the grammar needs it. */
public final class FilterValues {
  private FilterValues() {}

  /** A scalar: {@code null}, {@code true}, plain decimals, ISO dates, text. */
  public static String scalar(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    return v.toString();
  }

  /** {@code (a,b,"c,d")}: items quoted when they hold {@code , ( ) " \} or spaces, or are empty. */
  public static String list(Collection<?> values) {
    return values.stream().map(v -> quoteIfNeeded(scalar(v), ",()\"\\ :")).collect(Collectors.joining(",", "(", ")"));
  }

  /**
   * A value inside a logic tree ({@code or=(a.eq.x,b.ilike.*y*)}): double-quoted, with {@code \}
   * and {@code "} escaped, when it holds anything the tree's grammar reserves ({@code , ( ) " \ :}
   * or spaces). The one place user text enters a filter expression.
   */
  public static String logicValue(String value) {
    return quoteIfNeeded(value, ",()\"\\ :.");
  }

  /** A PostgreSQL array literal {@code {a,b}} for array columns. */
  public static String array(Collection<?> values) {
    return values.stream().map(v -> quoteIfNeeded(scalar(v), ",{}\"\\ ")).collect(Collectors.joining(",", "{", "}"));
  }

  /** An array literal for collections, JSON for maps and other objects (jsonb), text as is (ranges). */
  public static String containment(ObjectMapper json, Object v) {
    if (v instanceof Collection<?> c) {
      return array(c);
    }
    if (v instanceof CharSequence s) {
      return s.toString();
    }
    try {
      return json.writeValueAsString(v instanceof Map<?, ?> ? v : json.valueToTree(v));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  static String quoteIfNeeded(String s, String reserved) {
    boolean needs = s.isEmpty();
    for (int i = 0; i < s.length() && !needs; i++) {
      needs = reserved.indexOf(s.charAt(i)) >= 0;
    }
    if (!needs) {
      return s;
    }
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
