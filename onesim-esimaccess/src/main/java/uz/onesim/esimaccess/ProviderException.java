package uz.onesim.esimaccess;

import uz.onesim.core.ApiException;

/**
 * eSIM Access answered {@code success: false}. {@link #error()} names the case
 * ({@link ProviderError#INSUFFICIENT_BALANCE}, {@link ProviderError#NOT_YET_ALLOCATED}, …);
 * {@link #code()} is the raw {@code errorCode}.
 */
public class ProviderException extends ApiException {
  private static final long serialVersionUID = 1L;

  private final ProviderError error;

  public ProviderException(String endpoint, String errorCode, String errorMsg, int status, String requestId) {
    super("provider_" + ProviderError.of(errorCode).name().toLowerCase(java.util.Locale.ROOT),
        "eSIM Access " + endpoint + " failed: " + errorCode + " " + ProviderError.of(errorCode)
        + (errorMsg == null ? "" : " (" + errorMsg + ")"), status, errorCode, requestId, errorMsg, null, null, null);
    this.error = ProviderError.of(errorCode);
  }

  /** The provider's error as a type ({@link ProviderError#UNKNOWN} for a code this SDK does not know). */
  public ProviderError error() {
    return error;
  }

  @Override
  public boolean isRetryable() {
    return error.retryable();
  }
}
