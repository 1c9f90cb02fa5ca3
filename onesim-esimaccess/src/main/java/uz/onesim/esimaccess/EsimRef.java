package uz.onesim.esimaccess;

/** Which profile a lifecycle call is about: by {@code esimTranNo} (recommended) or ICCID. */
public record EsimRef(String esimTranNo, String iccid) {
  public EsimRef {
    if ((esimTranNo == null || esimTranNo.isBlank()) && (iccid == null || iccid.isBlank())) {
      throw new IllegalArgumentException("esimTranNo or iccid is required");
    }
  }

  /** A profile by its {@code esimTranNo} (preferred: ICCIDs are recycled). */
  public static EsimRef tranNo(String esimTranNo) {
    return new EsimRef(esimTranNo, null);
  }

  /** A profile by ICCID. */
  public static EsimRef iccid(String iccid) {
    return new EsimRef(null, iccid);
  }
}
