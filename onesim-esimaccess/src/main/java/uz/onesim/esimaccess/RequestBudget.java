package uz.onesim.esimaccess;

/**
 * How fast requests may leave for eSIM Access. The provider allows about 8 requests per second per
 * account, not per client: every worker of every instance shares that budget. The default is a
 * client-local limiter ({@link EsimAccessClient.Builder#requestsPerSecond}); OneSIM's backend passes
 * an account-wide one kept in the database ({@code uz.onesim.backend.ProviderRateBudget}).
 */
@FunctionalInterface
public interface RequestBudget {
  /** Blocks until the next request may be sent. */
  void acquire() throws InterruptedException;
}
