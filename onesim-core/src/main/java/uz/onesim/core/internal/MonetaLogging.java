package uz.onesim.core.internal;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moneta announces its default {@code MathContext} at INFO through java.util.logging on first use
 * ("Using custom MathContext: precision=256..."), in every application that uses it. We lower that
 * one logger to WARNING, unless the application has set its level itself. The strong reference
 * keeps the setting (java.util.logging holds loggers weakly).
 */
public final class MonetaLogging {
  private static final Logger CONTEXT_FACTORY = Logger.getLogger("org.javamoney.moneta.DefaultMonetaryContextFactory");

  static {
    if (CONTEXT_FACTORY.getLevel() == null) {
      CONTEXT_FACTORY.setLevel(Level.WARNING);
    }
  }

  private MonetaLogging() {}

  /** Applies the setting (idempotent; the work happens once, when this class loads). */
  public static void quietStartupNotice() {
    // class initialisation does it
  }
}
