package uz.onesim.esimaccess;

import java.util.Arrays;

/** The eSIM Access {@code errorCode}s the SDK knows, and whether repeating the request may help. */
public enum ProviderError {
  SERVER_ERROR("000001", true),
  HEADER_MISSING("000101", false),
  HEADER_MALFORMED("000102", false),
  METHOD_NOT_SUPPORTED("000103", false),
  INVALID_JSON("000104", false),
  PARAMETER_ABSENT("000105", false),
  PARAMETER_NULL("000106", false),
  PARAMETER_LENGTH("000107", false),
  TIMESTAMP_EXPIRED("101001", true),
  IP_BLOCKED("101002", false),
  SIGNATURE_MISMATCH("101003", false),
  INVALID_STATE("200002", false),
  PRICE_MISMATCH("200005", false),
  AMOUNT_MISMATCH("200006", false),
  INSUFFICIENT_BALANCE("200007", false),
  ORDER_PARAMETER_ERROR("200008", false),
  ABNORMAL_ORDER_STATUS("200009", false),
  NOT_YET_ALLOCATED("200010", true),
  OUT_OF_INVENTORY("200011", false),
  TOPUP_TARGET_MISSING("200042", false),
  BUNDLE_UNKNOWN("310201", false),
  PACKAGE_NOT_FOUND("310241", false),
  PACKAGE_UNKNOWN("310243", false),
  /** A plan's (BASE) code sent as a top-up (seen live; not in the documented table). Nothing was charged. */
  NOT_A_TOPUP_PACKAGE("310242", false),
  ORDER_NOT_FOUND("310272", false),
  ICCID_NOT_IN_ORDER("310403", false),
  ICCID_NOT_OWNED("310409", false),
  SYSTEM_BUSY("900001", true),
  UNKNOWN("", false);

  private final String code;
  private final boolean retryable;

  ProviderError(String code, boolean retryable) {
    this.code = code;
    this.retryable = retryable;
  }

  /** The provider's {@code errorCode}. */
  public String code() {
    return code;
  }

  /** Whether trying again later may succeed. */
  public boolean retryable() {
    return retryable;
  }

  /** The error of {@code code}, {@link #UNKNOWN} when not known. */
  public static ProviderError of(String code) {
    return Arrays.stream(values()).filter(e -> e.code.equals(code)).findFirst().orElse(UNKNOWN);
  }
}
