package uz.onesim.testkit;

/**
 * One finding of {@link SupabaseAdvisor}: which rule (splinter's lint name), its level
 * ({@code ERROR}, {@code WARN} or {@code INFO}), the object and what is wrong.
 */
public record AdvisorFinding(String lint, String level, String object, String detail) {
  /** Whether the finding should fail a build. */
  public boolean isErrorOrWarning() {
    return "ERROR".equals(level) || "WARN".equals(level);
  }

  @Override
  public String toString() {
    return level + " " + lint + " " + object + ": " + detail;
  }
}
