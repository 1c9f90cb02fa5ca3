package uz.onesim.testkit.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import uz.onesim.testkit.EsimAccessSimulator.Fault;

/** The simulator's fault injection: scripted faults and error codes per endpoint, seeded random faults, and the rate limit. Thread-safe. */
public final class SimFaults {
  private final Map<String, Deque<Fault>> scripted = new HashMap<>();
  private final Map<String, Deque<String>> scriptedCodes = new HashMap<>();
  private final Map<String, Double> rate = new HashMap<>();
  private final Map<String, Fault[]> kinds = new HashMap<>();
  private final Random random;
  private int rateLimit;
  private final Deque<Long> recent = new ArrayDeque<>();

  public SimFaults(long seed, int rateLimitPerSecond) {
    this.random = new Random(seed);
    this.rateLimit = rateLimitPerSecond;
  }

  public synchronized void failNext(String endpoint, Fault fault, int times) {
    Deque<Fault> q = scripted.computeIfAbsent(endpoint, k -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      q.add(fault);
    }
  }

  public synchronized void failNextWithCode(String endpoint, String code, int times) {
    Deque<String> q = scriptedCodes.computeIfAbsent(endpoint, k -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      q.add(code);
    }
  }

  public synchronized void failRandomly(String endpoint, double p, Fault... faultKinds) {
    rate.put(endpoint, p);
    kinds.put(endpoint, faultKinds.clone());
  }

  public synchronized void clear() {
    scripted.clear();
    scriptedCodes.clear();
    rate.clear();
  }

  /** The error code to answer this call with, or null. */
  public synchronized String nextCode(String endpoint) {
    Deque<String> q = scriptedCodes.get(endpoint);
    return q == null ? null : q.poll();
  }

  /** The fault to apply to this call, or null. */
  public synchronized Fault nextFault(String endpoint) {
    Deque<Fault> q = scripted.get(endpoint);
    if (q != null && !q.isEmpty()) {
      return q.poll();
    }
    Double p = rate.get(endpoint);
    if (p != null && random.nextDouble() < p) {
      Fault[] k = kinds.get(endpoint);
      return k[random.nextInt(k.length)];
    }
    return null;
  }

  /** Changes the limit (0 or less: none). */
  public synchronized void setRateLimit(int perSecond) {
    this.rateLimit = perSecond;
    recent.clear();
  }

  /** Whether this call is one too many in the last second. */
  public synchronized boolean overRateLimit() {
    if (rateLimit <= 0) {
      return false;
    }
    long now = System.nanoTime();
    while (!recent.isEmpty() && now - recent.peekFirst() > 1_000_000_000L) {
      recent.pollFirst();
    }
    if (recent.size() >= rateLimit) {
      return true;
    }
    recent.addLast(now);
    return false;
  }
}
