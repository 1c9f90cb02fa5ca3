package uz.onesim.backend.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/**
 * The dispatcher's DNS: a partner's webhook host must not resolve into OneSIM's own network
 * (loopback, private, link-local — the cloud metadata address among them —, carrier-grade NAT,
 * unique-local IPv6, unspecified), checked on every connection, after resolution, since a name can
 * change what it resolves to after it was registered. Local development allows loopback targets.
 */
public final class WebhookTargets implements Dns {
  private final boolean allowLocal;

  public WebhookTargets(boolean allowLocal) {
    this.allowLocal = allowLocal;
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    List<InetAddress> addresses = Dns.SYSTEM.lookup(hostname);
    for (InetAddress a : addresses) {
      if (isInternal(a) && !(allowLocal && a.isLoopbackAddress())) {
        throw new UnknownHostException(hostname + " resolves to " + a.getHostAddress()
            + ", an address inside OneSIM's network: refused");
      }
    }
    return addresses;
  }

  /**
   * Why {@code host} may not be sent to when it is an address literal (OkHttp asks no DNS for those),
   * or null: names are checked by {@link #lookup} when the connection is made.
   */
  public static String literalRefusal(String host, boolean allowLocal) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return null;
    }
    try {
      InetAddress a = InetAddress.getByName(h);   // a literal: parsed, not resolved
      return isInternal(a) && !(allowLocal && a.isLoopbackAddress()) ? h + " is an address inside OneSIM's network: refused" : null;
    } catch (UnknownHostException e) {
      return h + " is not an address";
    }
  }

  /** Whether {@code a} is an address a partner's endpoint may never be. */
  public static boolean isInternal(InetAddress a) {
    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 || (first == 100 && second >= 64 && second <= 127);   // 0/8, carrier-grade NAT 100.64/10
    }
    if (a instanceof Inet6Address) {
      return (b[0] & 0xfe) == 0xfc;   // unique local fc00::/7
    }
    return false;
  }
}
