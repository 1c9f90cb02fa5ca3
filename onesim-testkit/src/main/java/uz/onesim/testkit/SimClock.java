package uz.onesim.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that runs with real time (or stands still: {@link #frozenAt}) and can be moved forward: {@link #advance(Duration)}. Thread-safe. */
public final class SimClock extends Clock {
  private final Clock base;
  private final AtomicLong offsetMillis = new AtomicLong();

  public SimClock() {
    this(Clock.systemUTC());
  }

  public SimClock(Clock base) {
    this.base = base;
  }

  /** A clock that stands still at {@code start} and moves only when told ({@link #advance}). */
  public static SimClock frozenAt(Instant start) {
    return new SimClock(Clock.fixed(start, ZoneOffset.UTC));
  }

  /** Jumps ahead; whatever was due by then (allocations, expiries) happens at the next look. */
  public void advance(Duration d) {
    offsetMillis.addAndGet(d.toMillis());
  }

  @Override
  public Instant instant() {
    return base.instant().plusMillis(offsetMillis.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
