package uz.onesim.core;

/**
 * A lifecycle was asked to move along an edge its state machine does not have, for example an
 * order from {@code FAILED} to {@code ALLOCATED}.
 */
public class StateTransitionException extends OneSimException {
  private static final long serialVersionUID = 1L;

  private final String machine;
  private final String from;
  private final String to;

  public StateTransitionException(String machine, String from, String to) {
    super("illegal_transition", "Illegal " + machine + " status transition: " + from + " -> " + to, null);
    this.machine = machine;
    this.from = from;
    this.to = to;
  }

  /** Which lifecycle: {@code "order"} or {@code "earning"}. */
  public String machine() {
    return machine;
  }

  /** The status the row was in. */
  public String from() {
    return from;
  }

  /** The status asked for. */
  public String to() {
    return to;
  }
}
