package uz.onesim.spring;

import java.util.List;
import java.util.function.Consumer;
import org.springframework.context.SmartLifecycle;
import uz.onesim.backend.DeliveryChannel;
import uz.onesim.backend.OneSimBackend;
import uz.onesim.backend.WorkerPlan;
import uz.onesim.backend.WorkerScheduler;

/**
 * The backend's workers as part of the application's lifecycle: started once the context is ready,
 * stopped on shutdown (running passes finish within the plan's deadline, leases are released, no
 * thread is left). {@link #scheduler()} is what health and metrics read.
 */
public final class OneSimWorkers implements SmartLifecycle {
  private final OneSimBackend backend;
  private final WorkerPlan plan;
  private final Consumer<WorkerScheduler> onStart;
  private volatile WorkerScheduler scheduler;

  OneSimWorkers(OneSimBackend backend, WorkerPlan plan, Consumer<WorkerScheduler> onStart) {
    this.backend = backend;
    this.plan = plan;
    this.onStart = onStart;
  }

  /** The plan: this instance's name, the delivery channels found in the context, the intervals. */
  public WorkerPlan plan() {
    return plan;
  }

  /** The running scheduler, or null before start and after stop. */
  public WorkerScheduler scheduler() {
    return scheduler;
  }

  @Override
  public synchronized void start() {
    if (scheduler == null) {
      scheduler = backend.workers(plan);
      onStart.accept(scheduler);
    }
  }

  @Override
  public synchronized void stop() {
    WorkerScheduler running = scheduler;
    scheduler = null;
    if (running != null) {
      running.close();
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }

  /** Late in start-up (after the web server), early in shutdown. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 100;
  }

  static WorkerPlan plan(OneSimProperties.Workers settings, List<DeliveryChannel> channels) {
    return WorkerPlan.defaults(settings.getInstance(), channels).withIntervalUnit(settings.getIntervalUnit());
  }
}
