package uz.onesim.backend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs backend workers on their own threads until closed. Each worker runs a pass; a full pass is
 * followed at once by the next, an idle one waits for the worker's interval, a failing one backs off
 * (interval × 2ⁿ, at most five minutes) — and never stops the others. Several instances, in one
 * JVM or many, may run the same workers: every claim is SKIP LOCKED under a lease.
 *
 * <p>{@link #close()} stops claiming, lets running passes finish within the deadline given at start
 * (then interrupts them), and leaves no thread behind; what a stopped pass still held is released by
 * the worker or expires with its lease.
 *
 * <pre>{@code
 * try (WorkerScheduler workers = backend.workers(WorkerPlan.defaults("backend-1", channels))) {
 *   ... serve until shutdown ...
 * }
 * }</pre>
 */
public final class WorkerScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerScheduler.class);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  /** A worker and how long it waits after a pass that found nothing. */
  public record Scheduled(Worker worker, Duration interval) {}

  private final Map<String, Runner> runners = new LinkedHashMap<>();
  private final Duration shutdownDeadline;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private volatile boolean stopping;

  private WorkerScheduler(List<Scheduled> workers, Duration shutdownDeadline, Clock clock) {
    this.shutdownDeadline = shutdownDeadline;
    this.clock = clock;
    for (Scheduled s : workers) {
      if (runners.put(s.worker().name(), new Runner(s)) != null) {
        throw new IllegalArgumentException("two workers named " + s.worker().name());
      }
    }
  }

  /** Starts {@code workers}, each on a thread of its own; {@link #close()} waits up to {@code shutdownDeadline}. */
  public static WorkerScheduler start(List<Scheduled> workers, Duration shutdownDeadline) {
    WorkerScheduler s = new WorkerScheduler(workers, shutdownDeadline, Clock.systemUTC());
    s.runners.values().forEach(Runner::start);
    return s;
  }

  /** Every worker's health, in the order they were given. Cheap: no I/O. */
  public List<WorkerHealth> health() {
    List<WorkerHealth> out = new ArrayList<>();
    runners.values().forEach(r -> out.add(r.health()));
    return out;
  }

  /** Stops every worker (see the class comment). Idempotent. */
  @Override
  public void close() {
    if (stopping) {
      return;
    }
    stopping = true;
    lock.lock();
    try {
      wake.signalAll();
    } finally {
      lock.unlock();
    }
    long deadline = System.nanoTime() + shutdownDeadline.toNanos();
    for (Runner r : runners.values()) {
      r.join(Math.max(0, deadline - System.nanoTime()));
    }
    for (Runner r : runners.values()) {
      if (r.thread.isAlive()) {
        log.warn("worker {} did not finish its pass within {}; interrupting it", r.scheduled.worker().name(), shutdownDeadline);
        r.thread.interrupt();
        r.join(TimeUnit.SECONDS.toNanos(5));
      }
    }
  }

  private final class Runner implements Runnable {
    final Scheduled scheduled;
    final Thread thread;
    volatile Instant lastSuccess;
    volatile Instant lastFailure;
    volatile String lastError;
    volatile long passes;
    volatile long failures;
    volatile long consecutive;
    volatile long claimed;
    volatile long done;
    volatile long failedItems;
    final Instant started;

    Runner(Scheduled scheduled) {
      this.scheduled = scheduled;
      this.thread = new Thread(this, "onesim-worker-" + scheduled.worker().name());
      this.thread.setDaemon(true);
      this.started = clock.instant();
    }

    void start() {
      thread.start();
    }

    void join(long nanos) {
      try {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    WorkerHealth health() {
      Instant since = lastSuccess != null ? lastSuccess : started;
      return new WorkerHealth(scheduled.worker().name(), lastSuccess, lastFailure, lastError, passes, failures, consecutive,
          Duration.between(since, clock.instant()), claimed, done, failedItems);
    }

    @Override
    public void run() {
      String name = scheduled.worker().name();
      MDC.put("onesim.worker", name);
      try {
        while (!stopping && !Thread.currentThread().isInterrupted()) {
          Duration wait;
          try {
            WorkerPass pass = scheduled.worker().runOnce();
            passes++;
            claimed += pass.claimed();
            done += pass.done();
            failedItems += pass.failed();
            lastSuccess = clock.instant();
            consecutive = 0;
            wait = pass.full() ? Duration.ZERO : scheduled.interval();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          } catch (Exception | Error e) {
            passes++;
            failures++;
            consecutive++;
            lastFailure = clock.instant();
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            wait = backoff(scheduled.interval(), consecutive);
            log.warn("worker {} pass failed ({} in a row); next try in {} ms: {}", name, consecutive, wait.toMillis(), lastError);
          }
          if (!wait.isZero()) {
            sleep(wait);
          }
        }
      } finally {
        MDC.clear();   // this thread is the scheduler's: nothing a pass set (order, top-up, transaction) outlives it
      }
    }

    private void sleep(Duration d) {
      lock.lock();
      try {
        long nanos = d.toNanos();
        while (!stopping && nanos > 0) {
          nanos = wake.awaitNanos(nanos);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();   // this runner stops; the others carry on
      } finally {
        lock.unlock();
      }
    }
  }

  static Duration backoff(Duration interval, long consecutiveFailures) {
    Duration base = interval.isZero() ? Duration.ofSeconds(1) : interval;
    long factor = 1L << Math.min(consecutiveFailures, 16);
    Duration d = base.multipliedBy(factor);
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }
}
