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
}
