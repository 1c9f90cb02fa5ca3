package uz.onesim.backend;

import java.util.Objects;

/**
 * How {@link EmailChannel} reaches OneSIM's mail server. {@code toString()} never shows the password.
 *
 * @param startTls upgrade the connection with STARTTLS (required by any real mail provider)
 * @param fromAddress the sender address, e.g. {@code esim@onesim.uz}
 */
public record SmtpSettings(String host, int port, String username, String password, boolean startTls, String fromAddress) {
  public SmtpSettings {
    Objects.requireNonNull(host, "host == null");
    Objects.requireNonNull(fromAddress, "fromAddress == null");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1 to 65535, got " + port);
    }
  }

  /** A server without authentication or TLS (development and tests only). */
  public static SmtpSettings plain(String host, int port, String fromAddress) {
    return new SmtpSettings(host, port, null, null, false, fromAddress);
  }

  @Override
  public String toString() {
    return "SmtpSettings{" + host + ":" + port + ", user=" + username + ", password redacted, startTls=" + startTls + ", from="
        + fromAddress + "}";
  }
}
