package uz.onesim.esimaccess;

/**
 * What {@link ProviderEventHandler#handle} decided. Answer the provider with {@link #httpStatus()} at
 * once, and act on {@link #event()} only when {@link #shouldApply()}.
 *
 * @param outcome APPLY (new event), DUPLICATE (seen {@code notifyId}), STALE (older than what was
 *     applied for the same profile), UNCONFIRMED (re-fetch did not confirm it), REJECTED (bad body
 *     or sender)
 */
public record ProviderEventResult(Outcome outcome, ProviderEvent event, int httpStatus, String reason) {
  /** What the handler decided. */
  public enum Outcome { APPLY, DUPLICATE, STALE, UNCONFIRMED, REJECTED }

  /** Whether to act on {@link #event()}. */
  public boolean shouldApply() {
    return outcome == Outcome.APPLY;
  }
}
