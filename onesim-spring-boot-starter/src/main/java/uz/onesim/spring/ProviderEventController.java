package uz.onesim.spring;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import uz.onesim.backend.ProviderEventReceiver;

/**
 * The endpoint eSIM Access posts its events to ({@code onesim.provider-events.enabled=true}; path
 * {@code onesim.provider-events.path}, default {@code /webhooks/esimaccess}). Each delivery is stored
 * before it is answered (200; 503 when it cannot be stored, so the provider may deliver it again);
 * the provider-events worker applies it. The sender is the request's remote address: behind a proxy,
 * let the server resolve forwarded headers from trusted proxies only (docs/operations.md).
 */
@RestController
public class ProviderEventController {
  private final ProviderEventReceiver receiver;

  ProviderEventController(ProviderEventReceiver receiver) {
    this.receiver = receiver;
  }

  @PostMapping(path = "${onesim.provider-events.path:/webhooks/esimaccess}")
  public ResponseEntity<Void> receive(@RequestBody byte[] body, HttpServletRequest request) {
    return ResponseEntity.status(receiver.receive(body, request.getRemoteAddr()).httpStatus()).build();
  }
}
