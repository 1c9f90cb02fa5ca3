package uz.onesim.testkit;

import java.util.UUID;

/**
 * The fixed ids of the sample data ({@link LocalDatabase#loadSampleData()}): the spec's partner
 * "Grand Travel Tour" (default 5 %) with customers Aziza Karimova and Jahongir Xasanov in the
 * Antalya tour group; "Silk Road Premium" (custom 10 %) with customer Bobur Aliyev; a B2C customer;
 * an administrator; and a small catalogue priced at the spec's 15 / 20 / 25 dollars.
 */
public final class SampleData {
  public static final UUID GRAND_TRAVEL_USER = UUID.fromString("550e8400-e29b-41d4-a716-446655440001");
  public static final UUID SILK_ROAD_USER = UUID.fromString("550e8400-e29b-41d4-a716-446655440002");
  public static final UUID CUSTOMER_USER = UUID.fromString("550e8400-e29b-41d4-a716-446655440010");
  public static final UUID ADMIN_USER = UUID.fromString("550e8400-e29b-41d4-a716-446655440099");
  /** The Auth user of Grand Travel's integration credential ({@link #GRAND_TRAVEL_CREDENTIAL}). */
  public static final UUID GRAND_TRAVEL_INTEGRATION_USER = UUID.fromString("550e8400-e29b-41d4-a716-446655440050");
  /** Silk Road's disabled webhook endpoint, with one delivered event ({@link #SILK_ROAD_DELIVERY}). */
  public static final UUID SILK_ROAD_WEBHOOK = UUID.fromString("f0000000-0000-4000-8000-000000000001");
  /** The delivery of Silk Road's one webhook event. */
  public static final UUID SILK_ROAD_DELIVERY = UUID.fromString("f2000000-0000-4000-8000-000000000001");
  /** Grand Travel's live integration credential ("booking engine"). */
  public static final UUID GRAND_TRAVEL_CREDENTIAL = UUID.fromString("e0000000-0000-4000-8000-000000000001");

  public static final UUID GRAND_TRAVEL = UUID.fromString("a0000000-0000-4000-8000-000000000001");
  public static final UUID SILK_ROAD = UUID.fromString("a0000000-0000-4000-8000-000000000002");

  public static final UUID AZIZA = UUID.fromString("c0000000-0000-4000-8000-000000000001");
  public static final UUID JAHONGIR = UUID.fromString("c0000000-0000-4000-8000-000000000002");
  public static final UUID BOBUR = UUID.fromString("c0000000-0000-4000-8000-000000000003");

  public static final UUID ANTALYA_GROUP = UUID.fromString("b0000000-0000-4000-8000-000000000001");

  /** 15.00 USD retail. */
  public static final String TR_1GB = "TR_1GB_7D";
  /** 20.00 USD retail. */
  public static final String TR_3GB = "TR_3GB_15D";
  /** 25.00 USD retail. */
  public static final String TR_5GB = "TR_5GB_30D";
  /** 0.10 USD retail (a half-cent tie at 5 %). */
  public static final String AE_DAY_PASS = "AE_1GB_DAY";
  /** Inactive: ordering it fails. */
  public static final String RETIRED = "TR_OLD_2GB";

  private SampleData() {}

  /**
   * The sample catalogue as the eSIM Access simulator sells it (same codes; wholesale prices in
   * provider units of 1/10 000 USD such that the default 50 % margin gives the sample's retail
   * prices back), so orders can be fulfilled and the catalogue synced end to end.
   */
  public static java.util.List<SimPackage> simulatorCatalog() {
    long gb = 1_073_741_824L;
    return java.util.List.of(
        new SimPackage(TR_1GB, TR_1GB, "Turkey 1GB 7 Days", "BASE", "TR", "TR", 100_000, gb, 7, 180, 1, 2, null),
        new SimPackage(TR_3GB, TR_3GB, "Turkey 3GB 15 Days", "BASE", "TR", "TR", 133_300, 3 * gb, 15, 180, 1, 2, null),
        new SimPackage(TR_5GB, TR_5GB, "Turkey 5GB 30 Days", "BASE", "TR", "TR", 166_660, 5 * gb, 30, 180, 1, 2, null),
        new SimPackage("EU_10GB_30D", "EU_10GB_30D", "Europe 10GB 30 Days", "BASE", "EU-42", "DE,FR,IT", 126_660, 10 * gb, 30, 180, 1, 2, null),
        new SimPackage(AE_DAY_PASS, AE_DAY_PASS, "UAE 1GB/day", "BASE", "AE", "AE", 666, gb, 1, 180, 2, 3, null),
        new SimPackage("GL_1GB_7D", "GL_1GB_7D", "Global 1GB 7 Days", "BASE", "GL-139", "TR,AE,US", 66_600, gb, 7, 180, 1, 2, null),
        new SimPackage("TR_TOPUP_1GB", "TR_TOPUP_1GB", "Turkey top-up 1GB", "TOPUP", "TR", "TR", 40_000, gb, 7, 180, 1, 2, TR_1GB));
  }
}
