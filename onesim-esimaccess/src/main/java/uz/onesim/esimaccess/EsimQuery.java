package uz.onesim.esimaccess;

/**
 * What {@code esim/query} looks up: one order, one profile, or a time range; and which page
 * ({@code pageNum} 1..10000, {@code pageSize} 5..500).
 */
public record EsimQuery(String orderNo, String iccid, String esimTranNo, String startTime, String endTime, int pageNum, int pageSize) {
  public EsimQuery {
    if (pageNum < 1 || pageNum > 10_000) {
      throw new IllegalArgumentException("pageNum must be 1..10000: " + pageNum);
    }
    if (pageSize < 5 || pageSize > 500) {
      throw new IllegalArgumentException("pageSize must be 5..500: " + pageSize);
    }
  }

  /** The profiles of one provider order, one page. */
  public static EsimQuery order(String orderNo, int pageNum, int pageSize) {
    return new EsimQuery(orderNo, null, null, null, null, pageNum, pageSize);
  }

  /** One profile by its {@code esimTranNo}. */
  public static EsimQuery profile(String esimTranNo) {
    return new EsimQuery(null, null, esimTranNo, null, null, 1, 5);
  }

  /** One profile by ICCID (ICCIDs are recycled: prefer {@link #profile}). */
  public static EsimQuery iccid(String iccid) {
    return new EsimQuery(null, iccid, null, null, null, 1, 5);
  }
}
