package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import uz.onesim.core.ContactRules;
import uz.onesim.core.EarningStatus;
import uz.onesim.core.OrderRules;
import uz.onesim.core.OrderStatus;
import uz.onesim.core.PartnerStatus;
import uz.onesim.core.ValidationException;
import uz.onesim.core.Violation;
import uz.onesim.testkit.DatabaseException;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.SampleData;

/**
 * Every rule stated in both Java (onesim-core) and SQL (the schema) gives the same answer, accept or
 * refuse, on random input run through both (issue 13). Each database attempt is rolled back.
 */
class RuleParityTest {
  static LocalDatabase db;

  @BeforeContainer
  static void database() {
    db = LocalPostgres.shared().freshDatabase(true);
  }

  /** Runs {@code sql} as {@code who} and rolls back; true when the database accepted it. */
  static boolean sqlAccepts(Identity who, String sql, Object... params) {
    try {
      return db.inRolledBackTransaction(who, c -> {
        try (PreparedStatement ps = LocalDatabase.prepare(c, sql, params)) {
          ps.execute();
          return true;
        }
      });
    } catch (DatabaseException refused) {
      return false;
    }
  }

  // ------------------------------------------------------------------ order state machine and earnings

  @Property(tries = 25, generation = net.jqwik.api.GenerationMode.EXHAUSTIVE)
  void everyOrderTransitionIsDecidedAlikeAndTheEarningFollows(@ForAll OrderStatus from, @ForAll OrderStatus to) {
    boolean sql = db.inRolledBackTransaction(Identity.superuser(), c -> {
      UUID order;
      try (PreparedStatement ps = LocalDatabase.prepare(c,
          "insert into orders (source_type, user_id, partner_id, end_customer_id, package_code, order_status) "
              + "values ('b2b_partner', ?, ?, ?, ?, ?) returning id",
          SampleData.GRAND_TRAVEL_USER, SampleData.GRAND_TRAVEL, SampleData.AZIZA, SampleData.TR_1GB, from.wire())) {
        var rs = ps.executeQuery();
        rs.next();
        order = (UUID) rs.getObject(1);
      }
      assertThat(earning(c, order)).as("earning of an order created %s", from).isEqualTo(EarningStatus.forOrder(from).wire());
      try (PreparedStatement role = c.prepareStatement("savepoint s; set local role service_role")) {
        role.execute();
      }
      boolean accepted;
      try (PreparedStatement ps = LocalDatabase.prepare(c, "update orders set order_status = ? where id = ?", to.wire(), order)) {
        ps.executeUpdate();
        accepted = true;
      } catch (SQLException refused) {
        accepted = false;
        c.prepareStatement("rollback to savepoint s").execute();
      }
      c.prepareStatement("reset role").execute();
      if (accepted) {
        EarningStatus expected = from == to ? EarningStatus.forOrder(from) : EarningStatus.forOrder(to);
        assertThat(earning(c, order)).as("earning after %s -> %s", from, to).isEqualTo(expected.wire());
      }
      return accepted;
    });
    assertThat(sql).as("%s -> %s", from, to).isEqualTo(from.canMoveTo(to));
  }

  static String earning(java.sql.Connection c, UUID order) throws SQLException {
    try (PreparedStatement ps = LocalDatabase.prepare(c, "select status from partner_earnings where order_id = ?", order)) {
      var rs = ps.executeQuery();
      return rs.next() ? rs.getString(1) : null;
    }
  }

  // ------------------------------------------------------------------ partner standing

  @Property(tries = 25, generation = net.jqwik.api.GenerationMode.EXHAUSTIVE)
  void everyPartnerReviewIsDecidedAlike(@ForAll PartnerStatus from, @ForAll PartnerStatus to) {
    boolean sql = db.inRolledBackTransaction(Identity.superuser(), c -> {
      try (PreparedStatement ps = LocalDatabase.prepare(c, "update partners set status = ? where id = ?", from.wire(),
          SampleData.SILK_ROAD)) {
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("savepoint s; set local role authenticated; "
          + "select set_config('request.jwt.claims', '{\"sub\":\"" + SampleData.ADMIN_USER + "\",\"role\":\"authenticated\"}', true)")) {
        ps.execute();
      }
      try (PreparedStatement ps = LocalDatabase.prepare(c, "select review_partner(?, ?, 'parity check')", SampleData.SILK_ROAD,
          to.wire())) {
        ps.execute();
        return true;
      } catch (SQLException refused) {
        c.prepareStatement("rollback to savepoint s").execute();
        return false;
      }
    });
    assertThat(sql).as("%s -> %s", from, to).isEqualTo(from.canMoveTo(to));
  }

  // ------------------------------------------------------------------ purchase limits

  @Property(tries = 60)
  void purchaseQuantityAndPackageCodeLimitsAgree(@ForAll("quantities") int quantity, @ForAll("packageCodes") String code) {
    boolean java = javaAccepts(() -> OrderRules.requireValidPurchase(code, quantity));
    boolean sql = sqlAccepts(Db.GRAND, "select count(*) from place_partner_order(?, ?, ?)", SampleData.AZIZA, code, quantity);
    // The database also refuses codes it does not sell; Java cannot know the catalogue.
    boolean sold = SampleData.TR_1GB.equals(code);
    assertThat(sql).as("quantity %d, code '%s'", quantity, code).isEqualTo(java && sold);
  }

  @Provide
  Arbitrary<Integer> quantities() {
    return Arbitraries.oneOf(Arbitraries.of(-1, 0, 1, 2, 999, OrderRules.MAX_QUANTITY, OrderRules.MAX_QUANTITY + 1),
        Arbitraries.integers().between(-5, 1005));
  }

  @Provide
  Arbitrary<String> packageCodes() {
    return Arbitraries.oneOf(Arbitraries.just(SampleData.TR_1GB), Arbitraries.of("", " ", "X".repeat(65), "NOPE_1GB"));
  }

  // ------------------------------------------------------------------ sell prices and idempotency keys

  @Property(tries = 120)
  void sellPriceRuleAgrees(@ForAll("sellPrices") java.math.BigDecimal price) {
    boolean java = javaAccepts(() -> uz.onesim.core.PartnerProfit.of(uz.onesim.core.Amounts.usd("1.00"), uz.onesim.core.Amounts.usd(price)));
    boolean sql = sqlAccepts(Db.GRAND, "select log_sell_price((select id from place_partner_order(?, ?, 1) limit 1), ?)",
        SampleData.AZIZA, SampleData.TR_1GB, price);
    assertThat(sql).as("sell price %s", price.toPlainString()).isEqualTo(java);
  }

  @Provide
  Arbitrary<java.math.BigDecimal> sellPrices() {
    return Arbitraries.oneOf(
        Arbitraries.of("0", "-0.01", "20.00", "20.005", "99999999.99", "100000000.00", "1E+30", "1e-9", "5.1000")
            .map(java.math.BigDecimal::new),
        Arbitraries.bigDecimals().between(new java.math.BigDecimal("-1000"), new java.math.BigDecimal("1000000000")).ofScale(3));
  }

  @Property(tries = 40)
  void idempotencyKeyRuleAgrees(@ForAll("keys") String key) {
    boolean java = javaAccepts(() -> OrderRules.requireValidIdempotencyKey(key));
    boolean sql = sqlAccepts(Db.GRAND, "select count(*) from place_partner_order(p_customer_id => ?, p_package_code => ?, p_idempotency_key => ?)",
        SampleData.AZIZA, SampleData.TR_1GB, key);
    assertThat(sql).as("key '%s'", key.length() > 20 ? key.length() + " chars" : key).isEqualTo(java);
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.oneOf(Arbitraries.of("", " ", "\t", "k", "x".repeat(128), "x".repeat(129), "order-2026-11-23"),
        Arbitraries.strings().ofMinLength(0).ofMaxLength(140).withChars(" abc-_0123456789"));
  }

  // ------------------------------------------------------------------ contact rules

  @Property(tries = 300)
  void emailRuleAgrees(@ForAll("emails") String email) {
    boolean java = ContactRules.isEmail(email);
    boolean sql = sqlAccepts(Db.GRAND, "insert into partner_customers (first_name, last_name, email) values ('A', 'B', ?)", email);
    assertThat(sql).as("email '%s'", email).isEqualTo(java);
  }

  @Property(tries = 200)
  void phoneAndNameRulesAgree(@ForAll("phones") String phone, @ForAll("names") String name) {
    List<Violation> v = new ArrayList<>();
    ContactRules.checkPhone("phone", phone, v);
    ContactRules.checkName("firstName", name, true, v);
    boolean sql = sqlAccepts(Db.GRAND,
        "insert into partner_customers (first_name, last_name, email, phone) values (?, 'B', 'p@example.com', ?)", name, phone);
    assertThat(sql).as("phone '%s', name '%s'", phone, name).isEqualTo(v.isEmpty());
  }

  @Provide
  Arbitrary<String> emails() {
    Arbitrary<String> local = Arbitraries.strings().withChars("abcXYZ09.+_-'!# @\"").ofMinLength(0).ofMaxLength(8);
    Arbitrary<String> domain = Arbitraries.strings().withChars("abc09-.").ofMinLength(0).ofMaxLength(10);
    Arbitrary<String> composed = net.jqwik.api.Combinators.combine(local, domain, Arbitraries.of("@", "@@", "", " @"))
        .as((l, d, at) -> l + at + d);
    return Arbitraries.oneOf(composed, Arbitraries.of("nodira@example.com", "a@b.c", "a@b", "a@-b.com", "a@b-.com", "a b@c.com",
        "a@b..com", "a@.b.com", "é@example.com", "a@exa_mple.com", "o'neil@example.co.uk", "a@b.c\n"));
  }

  @Provide
  Arbitrary<String> phones() {
    return Arbitraries.oneOf(Arbitraries.strings().withChars("+0123456789 -").ofMaxLength(18),
        Arbitraries.of("+998901234567", "+0123", "998901234567", "+1", "+12", "+1234567890123456"), Arbitraries.just(null));
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.oneOf(Arbitraries.strings().withChars("Az ").ofMinLength(0).ofMaxLength(3),
        Arbitraries.strings().withChars("ab").ofLength(ContactRules.MAX_NAME_LENGTH),
        Arbitraries.strings().withChars("ab").ofLength(ContactRules.MAX_NAME_LENGTH + 1), Arbitraries.of("Aziza", "Жаҳонгир"));
  }

  static boolean javaAccepts(Runnable check) {
    try {
      check.run();
      return true;
    } catch (ValidationException refused) {
      return false;
    }
  }
}
