package uz.onesim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  final List<Duration> slept = new ArrayList<>();
  final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(700), slept::add);

  @Test
  void eachWaitIsBetweenHalfAndAllOfTheCappedExponentialStep() {
    long[] caps = {100, 200, 400, 700, 700};
    for (int retry = 1; retry <= caps.length; retry++) {
      for (int i = 0; i < 200; i++) {
        long ms = policy.delayBefore(retry, null).toMillis();
        assertThat(ms).as("retry %d", retry).isBetween(caps[retry - 1] / 2, caps[retry - 1]);
      }
    }
  }

  @Test
  void retryAfterReplacesTheBackoffButIsCappedAtMaxDelay() {
    assertThat(policy.delayBefore(1, Duration.ofMillis(50))).isEqualTo(Duration.ofMillis(50));
    assertThat(policy.delayBefore(1, Duration.ofHours(1))).isEqualTo(Duration.ofMillis(700));
    assertThat(policy.delayBefore(1, Duration.ofSeconds(-5))).isEqualTo(Duration.ZERO);
  }

  @Test
  void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    assertThat(RetryPolicy.parseRetryAfter("3", clock)).isEqualTo(Duration.ofSeconds(3));
    assertThat(RetryPolicy.parseRetryAfter("Mon, 23 Nov 2026 10:00:30 GMT", clock)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryPolicy.parseRetryAfter("Mon, 23 Nov 2026 09:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
    assertThat(RetryPolicy.parseRetryAfter("soon", clock)).isNull();
    assertThat(RetryPolicy.parseRetryAfter(null, clock)).isNull();
  }

  @Test
  void retriesAreCountedAfterTheFirstAttempt() {
    assertThat(policy.allowsRetryAfter(4)).isTrue();
    assertThat(policy.allowsRetryAfter(5)).isFalse();
    assertThat(policy.withMaxRetries(0).allowsRetryAfter(1)).isFalse();
  }

  @Test
  void pauseUsesTheSleeperAndAnInterruptBecomesTheGivenFailure() {
    policy.pause(Duration.ofMillis(42), new IllegalStateException("unused"));
    assertThat(slept).containsExactly(Duration.ofMillis(42));
    RetryPolicy interrupted = policy.withSleeper(d -> {
      throw new InterruptedException();
    });
    TransportException failure = new TransportException("lost", null);
    assertThatThrownBy(() -> interrupted.pause(Duration.ofMillis(1), failure)).isSameAs(failure);
    assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ofMillis(1), Duration.ofMillis(1), Sleeper.SYSTEM))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
