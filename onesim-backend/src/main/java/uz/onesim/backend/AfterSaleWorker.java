package uz.onesim.backend;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.onesim.client.Order;
import uz.onesim.client.postgrest.PostgrestClient;
import uz.onesim.core.Amounts;
import uz.onesim.core.ConflictException;
import uz.onesim.core.OneSimException;
import uz.onesim.core.TransportException;

/**
 * Works through partners' after-sale requests: claims open ones ({@code SKIP LOCKED}, with a lease),
 * cancels at the provider (the refund to the balance follows from the order's cancellation) or
 * sends the installation details again, and records how each ended. A request whose outcome is not
 * known (the provider did not answer) stays open and is tried again when its lease ends. Run
 * {@link #runOnce()} on a schedule. Thread-safe.
 */
public final class AfterSaleWorker implements Worker {
  /** 50 requests per pass, held 2 minutes. */
  public static final WorkerOptions DEFAULTS = new WorkerOptions(50, java.time.Duration.ofMinutes(2));

  private static final Logger LOG = LoggerFactory.getLogger(AfterSaleWorker.class);

  /** What one run did. */
  public record Report(int claimed, int done, int refused, int retrying, boolean full) implements WorkerPass {
    /** Requests refused. */
    @Override
    public int failed() {
      return refused;
    }
  }

  private final PostgrestClient service;
  private final FulfilmentWorker fulfiller;

  private final String worker;
  private final WorkerOptions work;

  AfterSaleWorker(PostgrestClient service, FulfilmentWorker fulfiller, String worker, WorkerOptions work) {
    this.service = service;
    this.worker = uz.onesim.backend.internal.Workers.requireName(worker);
    this.work = java.util.Objects.requireNonNull(work, "work == null");
    this.fulfiller = fulfiller;
  }

  /** {@code after-sale}. */
  @Override
  public String name() {
    return "after-sale";
  }

  /** Claims open requests (up to the batch size) and answers them. */
  @Override
  public Report runOnce() {
    JsonNode claimed = service.rpc("claim_after_sale_requests", Map.of("p_worker", worker, "p_limit", work.batchSize(),
        "p_lease_seconds", work.lease().toSeconds())).json();
    int done = 0;
    int refused = 0;
    int retrying = 0;
    for (JsonNode r : claimed) {
      UUID id = UUID.fromString(r.path("id").asText());
      UUID orderId = UUID.fromString(r.path("order_id").asText());
      String status;
      String outcome;
      try {
        if (r.path("kind").asText().equals("cancel")) {
          Order cancelled = fulfiller.cancel(orderId);
          status = "done";
          outcome = "cancelled; " + Amounts.decimal(cancelled.paid()).toPlainString() + " USD back to the balance";
        } else {
          outcome = fulfiller.resend(orderId);
          status = outcome.equals("sent") ? "done" : "refused";
        }
      } catch (ConflictException e) {
        status = "refused";
        outcome = e.code() + ": " + e.getMessage();
      } catch (TransportException | uz.onesim.esimaccess.OutcomeUnknownException e) {
        LOG.debug("after-sale request {} stays open: {}", id, e.getMessage());
        retrying++;
        continue;
      } catch (OneSimException e) {
        status = "refused";
        outcome = e.getMessage();
      }
      Map<String, Object> args = new LinkedHashMap<>();
      args.put("p_request_id", id);
      args.put("p_worker", worker);
      args.put("p_status", status);
      args.put("p_outcome", outcome);
      service.rpc("complete_after_sale_request", args).execute();
      if (status.equals("done")) {
        done++;
      } else {
        refused++;
      }
    }
    return new Report(claimed.size(), done, refused, retrying, claimed.size() >= work.batchSize());
  }
}
