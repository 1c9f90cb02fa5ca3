package uz.onesim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderRulesTest {
  static final UUID USER = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  static final UUID PARTNER_USER = UUID.fromString("550e8400-e29b-41d4-a716-446655440001");
  static final Partner GRAND = Partner.active(UUID.fromString("00000000-0000-0000-0000-0000000000b1"));
  static final Partner OTHER = Partner.active(UUID.fromString("00000000-0000-0000-0000-0000000000b2"));
  static final EndCustomer AZIZA = EndCustomer.ofPartner(
      UUID.randomUUID(), GRAND.id(), "Aziza", "Karimova", "aziza@example.com", "+998901111111");
  static final FxRate FX = new FxRate(new BigDecimal("12650"), "seed", Instant.EPOCH);

  static OrderRequest validB2b() {
    return OrderRequest.b2b(PARTNER_USER, GRAND, AZIZA, "TR_1GB_7D", 1);
  }

  static void assertOnly(OrderRequest r, String field, String code) {
    List<Violation> v = OrderRules.validate(r);
    assertThat(v).as("violations").extracting(Violation::field, Violation::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(field, code));
  }

  @Test
  void validRequestsOfEachSourcePass() {
    assertThat(OrderRules.validate(OrderRequest.b2c(USER, "TR_1GB_7D", 1))).isEmpty();
    assertThat(OrderRules.validate(validB2b())).isEmpty();
    assertThat(OrderRules.validate(validB2b().withGroup(new GroupRef(UUID.randomUUID(), GRAND.id())))).isEmpty();
    EndCustomer walkIn = new EndCustomer(null, EndCustomerType.B2C, null, "Ali", "Valiyev", null, "+998903333333");
    assertThat(OrderRules.validate(OrderRequest.admin(USER, walkIn, "TR_1GB_7D", 1))).isEmpty();
    assertThat(OrderRules.validate(OrderRequest.admin(USER, AZIZA, "TR_1GB_7D", 2).forPartner(GRAND))).isEmpty();
  }

  // --- b2c ---
  @Test
  void b2cMayNotHaveAPartner() {
    assertOnly(OrderRequest.b2c(USER, "P", 1).forPartner(GRAND), "partner", "not_allowed");
  }

  @Test
  void b2cMayNotHaveAGroup() {
    assertOnly(OrderRequest.b2c(USER, "P", 1).withGroup(new GroupRef(UUID.randomUUID(), GRAND.id())), "group", "not_allowed");
  }

  @Test
  void b2cEndCustomerIsTheBuyer() {
    OrderRequest r = new OrderRequest(OrderSource.B2C, USER, null, EndCustomer.self(UUID.randomUUID()), null, "P", 1);
    assertOnly(r, "endCustomer", "must_be_buyer");
    OrderRequest partnerCustomer = new OrderRequest(OrderSource.B2C, USER, null, AZIZA, null, "P", 1);
    assertThat(OrderRules.validate(partnerCustomer)).extracting(Violation::code).contains("must_be_buyer");
  }

  @Test
  void b2cGetsNoDiscount() {
    assertThat(OrderRules.discountRate(OrderRequest.b2c(USER, "P", 1))).isEqualTo(DiscountRate.ZERO);
    assertThat(OrderRules.quote(OrderRequest.b2c(USER, "P", 1), Amounts.usd("15.00"), FX).paid())
        .isEqualTo(Amounts.usd("15.00"));
  }

  @Test
  void everyOrderNeedsABuyer() {
    assertOnly(OrderRequest.b2c(null, "P", 1), "buyerUserId", "required");
  }

  // --- b2b ---
  @Test
  void b2bNeedsAPartner() {
    assertOnly(OrderRequest.b2b(PARTNER_USER, null, AZIZA, "P", 1), "partner", "required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"suspended", "pending_approval", "deactivated"})
  void b2bPartnerMustBeActive(String status) {
    Partner p = GRAND.withStatus(PartnerStatus.fromWire(status));
    assertOnly(OrderRequest.b2b(PARTNER_USER, p, AZIZA, "P", 1), "partner.status", "partner_not_active");
  }

  @Test
  void b2bNeedsACustomer() {
    assertOnly(OrderRequest.b2b(PARTNER_USER, GRAND, null, "P", 1), "endCustomer", "required");
  }

  @Test
  void b2bCustomerMustBeAPartnerCustomer() {
    assertOnly(OrderRequest.b2b(PARTNER_USER, GRAND, EndCustomer.self(USER), "P", 1), "endCustomer.type", "wrong_type");
  }

  @Test
  void b2bCustomerMustBelongToThePartner() {
    assertOnly(OrderRequest.b2b(PARTNER_USER, OTHER, AZIZA, "P", 1), "endCustomer", "foreign_customer");
  }

  @Test
  void b2bGroupMustBelongToThePartner() {
    assertOnly(validB2b().withGroup(new GroupRef(UUID.randomUUID(), OTHER.id())), "group", "foreign_group");
  }

  @Test
  void b2bGetsThePartnersEffectiveRate() {
    assertThat(OrderRules.discountRate(validB2b())).isEqualTo(DiscountRate.DEFAULT);
    OrderRequest premium = OrderRequest.b2b(PARTNER_USER, GRAND.withCustomRate(DiscountRate.of("10")), AZIZA, "P", 1);
    PriceQuote q = OrderRules.quote(premium, Amounts.usd("15.00"), FX);
    assertThat(q.paid()).isEqualTo(Amounts.usd("13.50"));
    assertThat(q.discount()).isEqualTo(Amounts.usd("1.50"));
  }

  // --- admin ---
  @Test
  void adminNeedsEndCustomerDetails() {
    EndCustomer blank = new EndCustomer(null, EndCustomerType.B2C, null, " ", null, null, null);
    List<Violation> v = OrderRules.validate(OrderRequest.admin(USER, blank, "P", 1));
    assertThat(v).extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("endCustomer.firstName", "required"),
        org.assertj.core.groups.Tuple.tuple("endCustomer.lastName", "required"),
        org.assertj.core.groups.Tuple.tuple("endCustomer.contact", "required"));
    assertOnly(OrderRequest.admin(USER, null, "P", 1), "endCustomer", "required");
  }

  @Test
  void adminWithPartnerUsesThePartnersRate() {
    OrderRequest r = OrderRequest.admin(USER, AZIZA, "P", 1).forPartner(GRAND.withCustomRate(DiscountRate.of("10")));
    assertThat(OrderRules.discountRate(r)).isEqualTo(DiscountRate.of("10"));
    assertThat(OrderRules.discountRate(OrderRequest.admin(USER, AZIZA, "P", 1))).isEqualTo(DiscountRate.ZERO);
  }

  @Test
  void adminPartnerCustomerMustBelongToTheNamedPartner() {
    assertOnly(OrderRequest.admin(USER, AZIZA, "P", 1).forPartner(OTHER), "endCustomer", "foreign_customer");
  }

  @Test
  void adminGroupNeedsItsPartner() {
    GroupRef g = new GroupRef(UUID.randomUUID(), GRAND.id());
    EndCustomer walkIn = new EndCustomer(null, EndCustomerType.B2C, null, "Ali", "Valiyev", "ali@example.com", null);
    assertOnly(OrderRequest.admin(USER, walkIn, "P", 1).withGroup(g), "group", "requires_partner");
    assertOnly(OrderRequest.admin(USER, walkIn, "P", 1).forPartner(OTHER).withGroup(g), "group", "foreign_group");
  }

  // --- common ---
  @Test
  void packageCodeIsRequiredAndBounded() {
    assertOnly(OrderRequest.b2c(USER, " ", 1), "packageCode", "required");
    assertOnly(OrderRequest.b2c(USER, null, 1), "packageCode", "required");
    assertOnly(OrderRequest.b2c(USER, "X".repeat(65), 1), "packageCode", "too_long");
    assertThat(OrderRules.validate(OrderRequest.b2c(USER, "X".repeat(64), 1))).isEmpty();
  }

  @Test
  void quantityIsOneToAThousand() {
    assertOnly(OrderRequest.b2c(USER, "P", 0), "quantity", "out_of_range");
    assertOnly(OrderRequest.b2c(USER, "P", 1001), "quantity", "out_of_range");
    assertOnly(OrderRequest.b2c(USER, "P", -5), "quantity", "out_of_range");
    assertThat(OrderRules.validate(OrderRequest.b2c(USER, "P", 1000))).isEmpty();
  }

  @Test
  void namesAreAtMost100Characters() {
    EndCustomer c = EndCustomer.ofPartner(AZIZA.id(), GRAND.id(), "A".repeat(101), "K", null, null);
    assertOnly(OrderRequest.b2b(PARTNER_USER, GRAND, c, "P", 1), "endCustomer.firstName", "too_long");
    EndCustomer c2 = EndCustomer.ofPartner(AZIZA.id(), GRAND.id(), "A", "K".repeat(101), null, null);
    assertOnly(OrderRequest.b2b(PARTNER_USER, GRAND, c2, "P", 1), "endCustomer.lastName", "too_long");
    EndCustomer ok = EndCustomer.ofPartner(AZIZA.id(), GRAND.id(), "A".repeat(100), "K", null, null);
    assertThat(OrderRules.validate(OrderRequest.b2b(PARTNER_USER, GRAND, ok, "P", 1))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"aziza", "aziza@", "@example.com", "a b@example.com", "aziza@example", "aziza@@example.com"})
  void emailMustBeValidWhenPresent(String email) {
    EndCustomer c = EndCustomer.ofPartner(AZIZA.id(), GRAND.id(), "A", "K", email, null);
    assertOnly(OrderRequest.b2b(PARTNER_USER, GRAND, c, "P", 1), "endCustomer.email", "invalid_email");
  }

  @ParameterizedTest
  @ValueSource(strings = {"998901111111", "+0998901111111", "+99890 111 11 11", "+1234567890123456", "+"})
  void phoneMustBeE164WhenPresent(String phone) {
    EndCustomer c = EndCustomer.ofPartner(AZIZA.id(), GRAND.id(), "A", "K", null, phone);
    assertOnly(OrderRequest.b2b(PARTNER_USER, GRAND, c, "P", 1), "endCustomer.phone", "invalid_phone");
  }

  @Test
  void reportsAllViolationsAtOnce() {
    EndCustomer c = EndCustomer.ofPartner(AZIZA.id(), OTHER.id(), "A", "K", "bad", "123");
    OrderRequest r = OrderRequest.b2b(PARTNER_USER, GRAND.withStatus(PartnerStatus.SUSPENDED), c, "", 0);
    assertThatThrownBy(() -> OrderRules.requireValid(r))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::code)
            .containsExactlyInAnyOrder("required", "out_of_range", "invalid_email", "invalid_phone",
                "partner_not_active", "foreign_customer"))
        .hasMessageStartingWith("6 invalid inputs: ");
  }

  @Test
  void quoteRefusesAnInvalidRequestBeforePricing() {
    assertThatThrownBy(() -> OrderRules.quote(OrderRequest.b2c(USER, "P", 0), Amounts.usd("15"), FX))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void wireValuesRoundTripAndUnknownOnesAreTyped() {
    for (OrderSource s : OrderSource.values()) {
      assertThat(OrderSource.fromWire(s.wire())).isSameAs(s);
    }
    assertThat(OrderSource.B2B_PARTNER.wire()).isEqualTo("b2b_partner");
    assertThat(EndCustomerType.fromWire("b2b_partner_customer")).isSameAs(EndCustomerType.B2B_PARTNER_CUSTOMER);
    assertThat(PartnerStatus.fromWire("pending_approval")).isSameAs(PartnerStatus.PENDING_APPROVAL);
    assertThatThrownBy(() -> OrderSource.fromWire("B2C"))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.has("sourceType", "unknown_value")).isTrue())
        .hasMessageContaining("b2c, b2b_partner, admin");
  }
}
