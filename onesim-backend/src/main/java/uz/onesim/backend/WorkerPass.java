package uz.onesim.backend;

/**
 * What one pass of a {@link Worker} did, in the figures every worker shares: how many items it
 * claimed (or checked), how many it completed, how many failed, and whether it claimed a full batch
 * ({@code full}: the scheduler runs the next pass at once; otherwise it waits for the worker's
 * interval). Each worker's own report implements this and adds its own figures.
 */
public interface WorkerPass {
  /** Items this pass claimed or checked. */
  int claimed();

  /** Items it completed. */
  int done();

  /** Items that failed (for good, or to be tried again). */
  int failed();

  /** Whether it claimed a full batch, so more may be waiting. */
  boolean full();

  /** A pass with these figures. */
  static WorkerPass of(int claimed, int done, int failed, boolean full) {
    return new Figures(claimed, done, failed, full);
  }

  /** Nothing was due. */
  WorkerPass IDLE = of(0, 0, 0, false);

  /** The plain figures, for workers without a report of their own. */
  record Figures(int claimed, int done, int failed, boolean full) implements WorkerPass {}
}
