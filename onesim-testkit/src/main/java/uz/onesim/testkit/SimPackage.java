package uz.onesim.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * A package of the simulator's catalogue.
 *
 * @param price provider units (1/10 000 USD)
 * @param baseCode for a TOPUP package, the BASE package it tops up
 * @param dataType 1 fixed, 2 day pass
 * @param supportTopUpType 1 none, 2 top-up, 3 top-up with periodNum
 */
public record SimPackage(String packageCode, String slug, String name, String type, String locationCode, String location,
    long price, long volume, int duration, int unusedValidTime, int dataType, int supportTopUpType, String baseCode) {

  private static final long GB = 1_073_741_824L;

  /** A realistic small catalogue: countries, a region, global, BASE and TOPUP, a day pass. */
  public static List<SimPackage> seed() {
    return List.of(
        base("TR_1_7", "Turkey 1GB 7Days", "TR", "TR", 100_000, GB, 7),
        base("TR_3_15", "Turkey 3GB 15Days", "TR", "TR", 140_000, 3 * GB, 15),
        base("TR_5_30", "Turkey 5GB 30Days", "TR", "TR", 170_000, 5 * GB, 30),
        base("AE_1_7", "UAE 1GB 7Days", "AE", "AE", 90_000, GB, 7),
        base("UZ_2_15", "Uzbekistan 2GB 15Days", "UZ", "UZ", 60_000, 2 * GB, 15),
        base("DE_1_7", "Germany 1GB 7Days", "DE", "DE", 45_000, GB, 7),
        base("US_3_30", "USA 3GB 30Days", "US", "US", 110_000, 3 * GB, 30),
        base("JP_1_7", "Japan 1GB 7Days", "JP", "JP", 15_000, GB, 7),
        base("EU_10_30", "Europe 10GB 30Days", "EU-42", "DE,FR,IT,ES,NL,AT", 160_000, 10 * GB, 30),
        base("GL_1_7", "Global 1GB 7Days", "GL-139", "TR,AE,US,JP,DE,UZ", 70_000, GB, 7),
        new SimPackage("AE_DAY_1", "AE_1_Daily", "UAE 1GB/day", "BASE", "AE", "AE", 12_000, GB, 1, 180, 2, 3, null),
        new SimPackage("TOPUP_TR_1_7", "TOPUP_TR_1_7", "Turkey top-up 1GB", "TOPUP", "TR", "TR", 60_000, GB, 7, 180, 1, 2, "TR_1_7"),
        new SimPackage("TOPUP_EU_5_30", "TOPUP_EU_5_30", "Europe top-up 5GB", "TOPUP", "EU-42", "DE,FR,IT,ES,NL,AT", 90_000, 5 * GB, 30, 180, 1, 2, "EU_10_30"));
  }

  /** {@code n} generated BASE packages (for catalogue-sync load: the real list has ~2 000–2 600). */
  public static List<SimPackage> generated(int n) {
    String[] countries = {"TR", "AE", "UZ", "DE", "FR", "IT", "ES", "US", "JP", "GB", "TH", "KZ", "KR", "CN", "IN", "EG", "GE", "AZ", "SA", "QA"};
    int[] gbs = {1, 2, 3, 5, 10, 20};
    int[] days = {1, 7, 15, 30};
    List<SimPackage> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String c = countries[i % countries.length];
      int gb = gbs[(i / countries.length) % gbs.length];
      int d = days[(i / (countries.length * gbs.length)) % days.length];
      String code = String.format("G%05d_%s_%d_%d", i, c, gb, d);
      out.add(base(code, c + " " + gb + "GB " + d + "Days #" + i, c, c, 20_000L + gb * 15_000L + d * 1_000L + (i % 7) * 100, gb * GB, d));
    }
    return out;
  }

  private static SimPackage base(String code, String name, String locCode, String loc, long price, long volume, int days) {
    return new SimPackage(code, code, name, "BASE", locCode, loc, price, volume, days, 180, 1, 2, null);
  }
}
