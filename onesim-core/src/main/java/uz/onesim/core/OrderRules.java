package uz.onesim.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * The rules every order obeys, by source, and the discount each source gets. The database
 * enforces the same rules again (never trust the client); these give callers all the problems at
 * once, before any request is sent.
 *
 * <ul>
 *   <li><b>b2c</b>: a signed-in buyer; the end customer is the buyer; no partner, no group, no
 *       discount.
 *   <li><b>b2b_partner</b>: an {@code active} partner; the end customer is one of that partner's
 *       customers; an optional group of the same partner; the partner's effective discount.
 *   <li><b>admin</b>: end customer details required (first and last name, and an email or phone);
 *       an optional partner whose discount then applies, and an optional group of that partner.
 *   <li>all: package code non-blank, at most 64 characters; quantity 1 to 1000; names at most 100
 *       characters; email syntactically valid and phone in E.164 when present.
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class OrderRules {
  public static final int MAX_QUANTITY = 1000;
  public static final int MAX_PACKAGE_CODE_LENGTH = 64;
  public static final int MAX_NAME_LENGTH = ContactRules.MAX_NAME_LENGTH;

  private OrderRules() {}

  /** Every rule {@code request} breaks; empty when it is valid. */
  public static List<Violation> validate(OrderRequest request) {
    Objects.requireNonNull(request, "request == null");
    List<Violation> v = new ArrayList<>();
    checkCommon(request, v);
    if (request.source() == null) {
      v.add(new Violation("source", "required", "is required"));
      return v;
    }
    switch (request.source()) {
      case B2C -> checkB2c(request, v);
      case B2B_PARTNER -> checkB2b(request, v);
      case ADMIN -> checkAdmin(request, v);
    }
    return v;
  }

  /** Throws a {@link ValidationException} listing every broken rule, if any. */
  public static void requireValid(OrderRequest request) {
    List<Violation> violations = validate(request);
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
  }

  /** The discount {@code request}'s source gets: 0 for b2c, the partner's effective rate otherwise. */
  public static DiscountRate discountRate(OrderRequest request) {
    return request.source() != OrderSource.B2C && request.partner() != null
        ? request.partner().effectiveRate()
        : DiscountRate.ZERO;
  }

  /** Validates {@code request}, then prices one of its eSIMs at {@code retailUsd}. */
  public static PriceQuote quote(OrderRequest request, MonetaryAmount retailUsd, FxRate fx) {
    requireValid(request);
    return PriceQuote.of(retailUsd, discountRate(request), fx);
  }

  /**
   * The checks every purchase call makes before it asks the database (which makes the same ones):
   * package code non-blank and at most {@value #MAX_PACKAGE_CODE_LENGTH} characters, quantity 1 to
   * {@value #MAX_QUANTITY}.
   *
   * @throws ValidationException listing every broken rule
   */
  public static void requireValidPurchase(String packageCode, int quantity) {
    List<Violation> v = new ArrayList<>();
    checkPurchase(packageCode, quantity, v);
    if (!v.isEmpty()) {
      throw new ValidationException(v);
    }
  }

  private static void checkPurchase(String code, int quantity, List<Violation> v) {
    if (code == null || code.isBlank()) {
      v.add(new Violation("packageCode", "required", "must not be blank"));
    } else if (code.length() > MAX_PACKAGE_CODE_LENGTH) {
      v.add(new Violation("packageCode", "too_long",
          "must be at most " + MAX_PACKAGE_CODE_LENGTH + " characters, got " + code.length()));
    }
    if (quantity < 1 || quantity > MAX_QUANTITY) {
      v.add(new Violation("quantity", "out_of_range",
          "must be between 1 and " + MAX_QUANTITY + ", got " + quantity));
    }
  }

  private static void checkCommon(OrderRequest r, List<Violation> v) {
    checkPurchase(r.packageCode(), r.quantity(), v);
    if (r.buyerUserId() == null) {
      v.add(new Violation("buyerUserId", "required", "an order needs a signed-in buyer"));
    }
    EndCustomer c = r.endCustomer();
    if (c != null) {
      ContactRules.checkName("endCustomer.firstName", c.firstName(), false, v);
      ContactRules.checkName("endCustomer.lastName", c.lastName(), false, v);
      ContactRules.checkEmail("endCustomer.email", c.email(), false, v);
      ContactRules.checkPhone("endCustomer.phone", c.phone(), v);
    }
  }

  private static void checkB2c(OrderRequest r, List<Violation> v) {
    if (r.partner() != null) {
      v.add(new Violation("partner", "not_allowed", "a b2c order has no partner"));
    }
    if (r.group() != null) {
      v.add(new Violation("group", "not_allowed", "a b2c order has no customer group"));
    }
    EndCustomer c = r.endCustomer();
    if (c != null && (c.type() != EndCustomerType.B2C || !Objects.equals(c.id(), r.buyerUserId()))) {
      v.add(new Violation("endCustomer", "must_be_buyer", "the end customer of a b2c order is the buyer"));
    }
  }

  private static void checkB2b(OrderRequest r, List<Violation> v) {
    Partner p = r.partner();
    if (p == null) {
      v.add(new Violation("partner", "required", "a b2b_partner order needs a partner"));
    } else if (p.status() != PartnerStatus.ACTIVE) {
      v.add(new Violation("partner.status", "partner_not_active",
          "the partner is " + p.status().wire() + "; only active partners may order"));
    }
    EndCustomer c = r.endCustomer();
    if (c == null || c.id() == null) {
      v.add(new Violation("endCustomer", "required", "a b2b_partner order needs one of the partner's customers"));
    } else if (c.type() != EndCustomerType.B2B_PARTNER_CUSTOMER) {
      v.add(new Violation("endCustomer.type", "wrong_type", "must be b2b_partner_customer"));
    } else if (p != null && !p.id().equals(c.partnerId())) {
      v.add(new Violation("endCustomer", "foreign_customer", "the customer belongs to another partner"));
    }
    checkGroupOwner(r, v);
  }

  private static void checkAdmin(OrderRequest r, List<Violation> v) {
    EndCustomer c = r.endCustomer();
    if (c == null) {
      v.add(new Violation("endCustomer", "required", "an admin order needs the end customer's details"));
    } else {
      if (c.firstName() == null || c.firstName().isBlank()) {
        v.add(new Violation("endCustomer.firstName", "required", "must not be blank"));
      }
      if (c.lastName() == null || c.lastName().isBlank()) {
        v.add(new Violation("endCustomer.lastName", "required", "must not be blank"));
      }
      if (c.email() == null && c.phone() == null) {
        v.add(new Violation("endCustomer.contact", "required", "an email or a phone number is required"));
      }
      if (c.type() == EndCustomerType.B2B_PARTNER_CUSTOMER
          && (r.partner() == null || !r.partner().id().equals(c.partnerId()))) {
        v.add(new Violation("endCustomer", "foreign_customer", "the customer belongs to another partner"));
      }
    }
    if (r.group() != null && r.partner() == null) {
      v.add(new Violation("group", "requires_partner", "a group order needs the group's partner"));
    }
    checkGroupOwner(r, v);
  }

  private static void checkGroupOwner(OrderRequest r, List<Violation> v) {
    if (r.group() != null && r.partner() != null && !r.group().partnerId().equals(r.partner().id())) {
      v.add(new Violation("group", "foreign_group", "the group belongs to another partner"));
    }
  }
}
