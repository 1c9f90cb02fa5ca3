package uz.onesim.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that hands tests one {@link LocalSupabase} per JVM, put back to the sample
 * data before each test, and a fresh {@link EsimAccessSimulator} (the sample catalogue, 100 000 USD
 * of provider balance) per test, closed after it. Starting a project costs a second or more; a
 * reset costs tens of milliseconds, so a suite pays for one start.
 *
 * <pre>{@code
 * @ExtendWith(LocalSupabaseExtension.class)           // reset before every test
 * class MyTest {
 *   @BeforeEach void setUp(LocalSupabase supabase, EsimAccessSimulator sim) {
 *     onesim = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build();
 *   }
 * }
 *
 * class MyReadOnlyTest {                               // reset once, before the class
 *   @RegisterExtension static final LocalSupabaseExtension STACK = LocalSupabaseExtension.resetPerClass();
 *   @BeforeAll static void setUp(LocalSupabase supabase) { ... }
 * }
 * }</pre>
 *
 * Test classes that share the instance must not run concurrently: with JUnit's parallel execution
 * on, annotate each with {@code @ResourceLock(LocalSupabaseExtension.SHARED_STACK)} (Surefire runs a
 * module's classes one after another unless told otherwise). {@code OneSim} and {@code OneSimBackend} live in modules
 * whose own tests use this testkit, so it cannot build them; one line each does (see above and
 * {@code docs/testing.md}).
 */
public final class LocalSupabaseExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LocalSupabaseExtension.class);

  /** The resource lock name for classes that share the JVM's instance ({@code @ResourceLock(SHARED_STACK)}). */
  public static final String SHARED_STACK = "uz.onesim.testkit.LocalSupabase.shared";

  private final boolean perTest;

  /** Reset before every test (what {@code @ExtendWith(LocalSupabaseExtension.class)} gives). */
  public LocalSupabaseExtension() {
    this(true);
  }

  private LocalSupabaseExtension(boolean perTest) {
    this.perTest = perTest;
  }

  /** Reset once before the test class: its tests see each other's writes (for read-mostly classes). */
  public static LocalSupabaseExtension resetPerClass() {
    return new LocalSupabaseExtension(false);
  }

  /** The JVM's shared instance, reset to the sample data now. */
  public static LocalSupabase freshShared() {
    LocalSupabase s = LocalSupabase.shared();
    s.reset();
    return s;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    freshShared();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (perTest) {
      freshShared();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == LocalSupabase.class || type == EsimAccessSimulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == LocalSupabase.class) {
      return LocalSupabase.shared();
    }
    return context.getStore(NS).getOrComputeIfAbsent("simulator", k -> new ClosingSimulator(
        EsimAccessSimulator.builder().catalog(SampleData.simulatorCatalog()).balanceUsd("100000").build()),
        ClosingSimulator.class).simulator;
  }

  private record ClosingSimulator(EsimAccessSimulator simulator) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      simulator.close();
    }
  }
}
