package uz.onesim.spring;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import uz.onesim.backend.BackendHealth;
import uz.onesim.backend.OneSimBackend;

/**
 * {@code /actuator/health}'s {@code oneSim} component, from {@link OneSimBackend#health}: the
 * database (schema version), the provider (reachable, balance), the backlogs and every worker, each
 * as a detail. DOWN when a part is down; a degraded part (a backlog, a low balance) keeps it UP with
 * the detail saying so, so a load balancer does not take a working instance out.
 */
public final class OneSimHealthIndicator implements HealthIndicator {
  private final OneSimBackend backend;
  private final OneSimWorkers workers;
  private final BackendHealth.Thresholds thresholds;

  OneSimHealthIndicator(OneSimBackend backend, OneSimWorkers workers, BackendHealth.Thresholds thresholds) {
    this.backend = backend;
    this.workers = workers;
    this.thresholds = thresholds;
  }

  @Override
  public Health health() {
    BackendHealth h = backend.health(workers == null ? null : workers.scheduler(), thresholds);
    Health.Builder b = h.status() == BackendHealth.Status.DOWN ? Health.down() : Health.up();
    b.withDetail("status", h.status().name());
    for (BackendHealth.Component c : h.components()) {
      b.withDetail(c.name(), c.status().name() + ": " + c.detail());
    }
    return b.build();
  }
}
