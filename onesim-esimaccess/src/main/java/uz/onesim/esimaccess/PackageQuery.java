package uz.onesim.esimaccess;

/**
 * Filters of {@code package/list}; null fields are not sent.
 *
 * @param locationCode ISO alpha-2, {@code !RG} regional, {@code !GL} global
 * @param type {@code BASE} or {@code TOPUP}
 * @param dataType {@code "1"} fixed plans, {@code "2"} day passes
 */
public record PackageQuery(String locationCode, String type, String packageCode, String slug, String iccid, String dataType) {
  /** The whole catalogue. */
  public static PackageQuery all() {
    return new PackageQuery(null, null, null, null, null, null);
  }

  /** The packages of one location code. */
  public static PackageQuery location(String locationCode) {
    return new PackageQuery(locationCode, "BASE", null, null, null, null);
  }

  /** The plan {@code packageCode} alone (e.g. its price now). */
  public static PackageQuery plan(String packageCode) {
    return new PackageQuery(null, "BASE", packageCode, null, null, null);
  }

  /** Top-ups that fit the eSIM {@code iccid}. */
  public static PackageQuery topUpsForIccid(String iccid) {
    return new PackageQuery(null, "TOPUP", null, null, iccid, null);
  }

  /** Top-ups that fit the package {@code packageCode}. */
  public static PackageQuery topUpsForPackage(String packageCode) {
    return new PackageQuery(null, "TOPUP", packageCode, null, null, null);
  }
}
