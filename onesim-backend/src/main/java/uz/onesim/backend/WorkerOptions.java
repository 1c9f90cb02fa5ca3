package uz.onesim.backend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import uz.onesim.core.ValidationException;
import uz.onesim.core.Violation;

/**
 * How much a {@link Worker} takes per pass and for how long it holds it: {@code batchSize} rows
 * claimed per pass (1 to 1000) under a lease of {@code lease} (1 s to 1 h; a worker that dies is
 * taken over when its lease ends). Each worker's defaults are on its class.
 */
public record WorkerOptions(int batchSize, Duration lease) {
  /** @throws ValidationException unless the batch is 1 to 1000 and the lease 1 s to 1 h */
  public WorkerOptions {
    List<Violation> v = new ArrayList<>();
    check(v, batchSize, lease);
    if (!v.isEmpty()) {
      throw new ValidationException(v);
    }
  }

  /** The same options with batches of {@code n}. */
  public WorkerOptions withBatchSize(int n) {
    return new WorkerOptions(n, lease);
  }

  /** The same options with leases of {@code d}. */
  public WorkerOptions withLease(Duration d) {
    return new WorkerOptions(batchSize, d);
  }

  static void check(List<Violation> v, int batchSize, Duration lease) {
    if (batchSize < 1 || batchSize > 1000) {
      v.add(new Violation("batchSize", "out_of_range", "must be 1 to 1000, got " + batchSize));
    }
    if (lease == null || lease.toSeconds() < 1 || lease.toSeconds() > 3600) {
      v.add(new Violation("lease", "out_of_range", "must be 1 s to 1 h, got " + lease));
    }
  }
}
