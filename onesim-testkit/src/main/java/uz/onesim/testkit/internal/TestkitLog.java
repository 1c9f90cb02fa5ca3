package uz.onesim.testkit.internal;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The testkit is quiet by default: its own progress lines and Flyway's migration tables go to
 * DEBUG, warnings and errors stay. {@code -Donesim.testkit.verbose=true} (or the environment
 * variable {@code ONESIM_TESTKIT_VERBOSE=true}) logs them at INFO. Flyway uses this class through
 * {@code loggers(...)} (it instantiates it by name).
 */
public final class TestkitLog implements LogCreator {
  /** The switch, read once. */
  public static final boolean VERBOSE = Boolean.getBoolean("onesim.testkit.verbose")
      || "true".equalsIgnoreCase(System.getenv("ONESIM_TESTKIT_VERBOSE"));

  /** Logs a progress line at INFO when verbose, at DEBUG otherwise. */
  public static void progress(Logger log, String format, Object... args) {
    if (VERBOSE) {
      log.info(format, args);
    } else {
      log.debug(format, args);
    }
  }

  @Override
  public Log createLogger(Class<?> clazz) {
    Logger log = LoggerFactory.getLogger(clazz);
    return new Log() {
      @Override
      public boolean isDebugEnabled() {
        return log.isDebugEnabled();
      }

      @Override
      public void debug(String message) {
        log.debug(message);
      }

      @Override
      public void info(String message) {
        progress(log, message);
      }

      @Override
      public void warn(String message) {
        log.warn(message);
      }

      @Override
      public void error(String message) {
        log.error(message);
      }

      @Override
      public void error(String message, Exception e) {
        log.error(message, e);
      }

      @Override
      public void notice(String message) {
        progress(log, message);
      }
    };
  }
}
