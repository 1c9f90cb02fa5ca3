package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every machine code the schema raises is listed in docs/errors.md, so callers can branch on a documented word. */
class ErrorCodesDocTest {
  static final Path MIGRATIONS = Path.of("..", "onesim-core", "src", "main", "resources", "db", "migration");
  static final Path DOC = Path.of("..", "docs", "errors.md");

  @Test
  void everyCodeTheSchemaRaisesIsDocumented() throws IOException {
    Pattern raised = Pattern.compile("private\\.fail\\('[0-9]{3}', '([a-z_]+)'|detail = '([a-z_]+)'");
    Set<String> codes = new TreeSet<>();
    try (Stream<Path> files = Files.list(MIGRATIONS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
        Matcher m = raised.matcher(Files.readString(f));
        while (m.find()) {
          codes.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
      }
    }
    assertThat(codes).as("codes found in the migrations").hasSizeGreaterThan(50).contains("insufficient_balance");
    String doc = Files.readString(DOC);
    assertThat(codes).as("codes missing from docs/errors.md").allMatch(c -> doc.contains("`" + c + "`"));
  }
}
