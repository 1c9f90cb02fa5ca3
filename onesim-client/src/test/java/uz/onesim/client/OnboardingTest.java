package uz.onesim.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uz.onesim.core.Amounts;
import uz.onesim.core.ApiException;
import uz.onesim.core.ConflictException;
import uz.onesim.core.DiscountRate;
import uz.onesim.core.PartnerStatus;
import uz.onesim.core.PermissionException;
import uz.onesim.core.ValidationException;
import uz.onesim.testkit.Identity;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/** Sign up, apply, approval at a custom rate, buying, suspension: partner onboarding end to end (issue 15). */
class OnboardingTest {
  static LocalSupabase supabase;
  static OneSim onesim;
  static OneSim.UserSession admin;

  @BeforeAll
  static void start() {
    supabase = LocalSupabaseExtension.freshShared();
    onesim = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.publishableKey()).build();
    admin = onesim.asUser(supabase.userJwt(SampleData.ADMIN_USER));
  }

  static long count(String table) {
    return (Long) supabase.database().value(Identity.superuser(), "select count(*) from " + table);
  }

  @Test
  void applyApproveBuySuspend() {
    OneSim.UserSession applicant = onesim.signUp("founder@oasis-travel.uz", "oasis-2026", Map.of("first_name", "Dildora"));
    PartnerProfile applied = applicant.applyAsPartner(new PartnerApplication("Oasis Travel", "info@oasis-travel.uz",
        "+998712000000", "UZ", "travel_agency", List.of("partner-docs/oasis/licence.pdf")));
    assertThat(applied.standing()).isEqualTo(PartnerStatus.PENDING_APPROVAL);

    // An applicant cannot approve itself, nor buy as a partner, nor add customers.
    assertThat(catchThrowableOfType(() -> applicant.admin().approve(applied.id()), PermissionException.class).code())
        .isEqualTo("admin_only");
    assertThat(catchThrowableOfType(() -> applicant.customers().save(NewCustomer.of("A", "B", "a@b.uz", null)),
        PermissionException.class).code()).isEqualTo("partner_not_active");
    assertThat(catchThrowableOfType(() -> applicant.applyAsPartner(PartnerApplication.of("Oasis Again", "x@oasis-travel.uz")),
        ConflictException.class).code()).isEqualTo("already_applied");

    assertThat(admin.admin().applications()).extracting(PartnerProfile::id).contains(applied.id());
    PartnerProfile approved = admin.admin().approve(applied.id(), DiscountRate.of("7.5"));
    assertThat(approved.standing()).isEqualTo(PartnerStatus.ACTIVE);
    assertThat(approved.effectiveRate()).isEqualTo(DiscountRate.of("7.50"));
    assertThat(catchThrowableOfType(() -> admin.admin().approve(applied.id()), ConflictException.class).code())
        .as("approve twice").isEqualTo("illegal_transition");

    OneSim.UserSession partner = onesim.signIn("founder@oasis-travel.uz", "oasis-2026");
    assertThat(partner.partner().balance().available()).isEqualTo(Amounts.usd("0.00"));
    admin.admin().fundBalance(applied.id(), Amounts.usd("500.00"), "KAPITALBANK-2026-11-23-001");
    PartnerCustomer traveller = partner.customers().save(NewCustomer.of("Sardor", "Rahimov", "sardor@example.com", null));
    List<Order> bought = partner.orders().buyForCustomer(traveller.id(), SampleData.TR_1GB, 1, CallOptions.none());
    assertThat(bought.get(0).paid()).isEqualTo(Amounts.usd("13.87"));
    assertThat(bought.get(0).discountRate()).isEqualTo(DiscountRate.of("7.50"));
    assertThat(bought.get(0).paymentStatus()).isEqualTo(uz.onesim.core.PaymentStatus.PAID);
    assertThat(partner.partner().balance().balance()).isEqualTo(Amounts.usd("486.13"));
    assertThat(partner.partner().ledger(10)).extracting(LedgerEntry::kind).containsExactly("purchase", "funding");

    admin.admin().suspend(applied.id(), "unpaid invoice 2026-11");
    long orders = count("orders");
    long customers = count("partner_customers");
    long groups = count("customer_groups");
    for (Runnable write : List.<Runnable>of(
        () -> partner.orders().buyForCustomer(traveller.id(), SampleData.TR_1GB, 1, CallOptions.none()),
        () -> partner.customers().save(NewCustomer.of("New", "One", "new@example.com", null)),
        () -> partner.groups().create("Tashkent Nov", "UZ", "Tashkent", null, null),
        () -> partner.orders().logSellPrice(bought.get(0).id(), Amounts.usd("20.00")))) {
      ApiException e = catchThrowableOfType(write::run, ApiException.class);
      assertThat(e).isNotNull();
      assertThat(e.code()).isEqualTo("partner_not_active");
    }
    assertThat(count("orders")).isEqualTo(orders);
    assertThat(count("partner_customers")).isEqualTo(customers);
    assertThat(count("customer_groups")).isEqualTo(groups);

    admin.admin().reactivate(applied.id());
    assertThat(partner.partner().get().standing()).isEqualTo(PartnerStatus.ACTIVE);
    assertThat(admin.admin().history(applied.id())).extracting(PartnerStatusChange::to).containsExactly(
        PartnerStatus.PENDING_APPROVAL, PartnerStatus.ACTIVE, PartnerStatus.SUSPENDED, PartnerStatus.ACTIVE);
    PartnerStatusChange suspension = admin.admin().history(applied.id()).get(2);
    assertThat(suspension.from()).isEqualTo(PartnerStatus.ACTIVE);
    assertThat(suspension.reason()).isEqualTo("unpaid invoice 2026-11");
    assertThat(suspension.actorId()).isEqualTo(SampleData.ADMIN_USER);
  }

  @Test
  void rejectionNeedsAReasonAndIsFinal() {
    OneSim.UserSession applicant = onesim.signUp("hopeful@example.com", "hopeful-2026", null);
    PartnerProfile applied = applicant.applyAsPartner(PartnerApplication.of("Hopeful Tours", "info@hopeful.example"));
    assertThat(catchThrowableOfType(() -> admin.admin().reject(applied.id(), " "), ApiException.class).code())
        .isEqualTo("reason_required");
    assertThat(admin.admin().reject(applied.id(), "no licence").standing()).isEqualTo(PartnerStatus.REJECTED);
    assertThat(catchThrowableOfType(() -> admin.admin().reactivate(applied.id()), ConflictException.class).code())
        .isEqualTo("illegal_transition");
    assertThat(applicant.partner().get().standing()).isEqualTo(PartnerStatus.REJECTED);
  }

  @Test
  void aBadApplicationIsRefusedBeforeAnyRequest() {
    OneSim.UserSession applicant = onesim.signUp("typo@example.com", "typo-2026", null);
    ValidationException e = catchThrowableOfType(() -> applicant.applyAsPartner(
        new PartnerApplication(" ", "not-an-email", "12345", "uzb", null, null)), ValidationException.class);
    assertThat(e.violations()).extracting(v -> v.field())
        .containsExactly("companyName", "businessEmail", "businessPhone", "countryCode");
  }
}
