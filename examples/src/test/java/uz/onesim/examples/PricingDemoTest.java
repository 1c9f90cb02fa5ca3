package uz.onesim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PricingDemoTest {
  @Test
  void printsTheSpecFigures() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PricingDemo.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(out).containsPattern("#001 partner 5%\\s+15\\.00\\s+14\\.25\\s+0\\.75\\s+189750\\s+180263\\s+9487");
    assertThat(out).containsPattern("#002 partner 5%\\s+20\\.00\\s+19\\.00\\s+1\\.00\\s+253000\\s+240350\\s+12650");
    assertThat(out).containsPattern("#003 partner 5%\\s+25\\.00\\s+23\\.75\\s+1\\.25");
    assertThat(out).containsPattern("premium partner 10%\\s+15\\.00\\s+13\\.50\\s+1\\.50");
    assertThat(out).containsPattern("new partner 3% \\(custom\\)\\s+15\\.00\\s+14\\.55\\s+0\\.45");
    assertThat(out).containsPattern("B2C shop customer\\s+15\\.00\\s+15\\.00\\s+0\\.00\\s+189750\\s+189750\\s+0");
    assertThat(out).contains("Total spent:   669.75", "Retail value:  705.00", "Total savings: 35.25");
    assertThat(out).contains("at 20.00 -> profit 5.75", "at 15.00 -> profit 0.75");
  }
}
