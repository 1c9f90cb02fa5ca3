package uz.onesim.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A small time-to-live cache for read-only listings: an answer is reused until its TTL passes; at
 * most {@link #MAX_ENTRIES} answers are kept (the oldest half is dropped beyond that). A zero TTL
 * turns it off. Two threads missing at once may both load; both results are correct.
 */
final class TtlCache {
  static final int MAX_ENTRIES = 512;

  private record Entry(Object value, Instant expires) {}

  private final Duration ttl;
  private final Clock clock;
  private final Map<Object, Entry> entries = new ConcurrentHashMap<>();

  TtlCache(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  @SuppressWarnings("unchecked")
  <T> T get(Object key, Supplier<T> load) {
    if (ttl.isZero()) {
      return load.get();
    }
    Instant now = clock.instant();
    Entry e = entries.get(key);
    if (e != null && now.isBefore(e.expires())) {
      return (T) e.value();
    }
    T value = load.get();
    if (entries.size() >= MAX_ENTRIES) {
      entries.values().removeIf(x -> !now.isBefore(x.expires()));
      if (entries.size() >= MAX_ENTRIES) {
        entries.entrySet().stream().sorted(Map.Entry.comparingByValue(java.util.Comparator.comparing(Entry::expires)))
            .limit(MAX_ENTRIES / 2).map(Map.Entry::getKey).toList().forEach(entries::remove);
      }
    }
    entries.put(key, new Entry(value, now.plus(ttl)));
    return value;
  }

  void clear() {
    entries.clear();
  }
}
