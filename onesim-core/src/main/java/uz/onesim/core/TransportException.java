package uz.onesim.core;

import java.io.IOException;

/** No usable response: connection refused or reset, timeout, TLS failure. The {@link IOException} is the cause. */
public class TransportException extends ApiException {
  private static final long serialVersionUID = 1L;

  public TransportException(String message, IOException cause) {
    super("transport_error", message, 0, null, null, null, null, null, cause);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
