package uz.onesim.backend;

/**
 * What one pass of a {@link Worker} did: how many items it claimed (or checked), how many it
 * completed, how many failed. A pass that claimed a full batch ({@code full}) is followed at once
 * by the next; one that found nothing waits for the worker's interval.
 */
public record WorkerPass(int claimed, int done, int failed, boolean full) {
  /** Nothing was due. */
  public static final WorkerPass IDLE = new WorkerPass(0, 0, 0, false);
}
