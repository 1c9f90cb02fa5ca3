package uz.onesim.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContactRulesTest {

  static List<String> codes(java.util.function.Consumer<List<Violation>> check) {
    List<Violation> v = new ArrayList<>();
    check.accept(v);
    return v.stream().map(x -> x.field() + ":" + x.code()).toList();
  }

  @Test
  void namesAreAtMost100CharactersAndRequiredOnlyWhenAsked() {
    assertThat(codes(v -> ContactRules.checkName("firstName", "A".repeat(101), false, v))).containsExactly("firstName:too_long");
    assertThat(codes(v -> ContactRules.checkName("firstName", "A".repeat(100), true, v))).isEmpty();
    assertThat(codes(v -> ContactRules.checkName("lastName", " ", true, v))).containsExactly("lastName:required");
    assertThat(codes(v -> ContactRules.checkName("lastName", null, false, v))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"aziza", "aziza@", "@example.com", "a b@example.com", "aziza@example", "aziza@@example.com"})
  void emailMustBeAnAddressWhenPresent(String email) {
    assertThat(ContactRules.isEmail(email)).isFalse();
    assertThat(codes(v -> ContactRules.checkEmail("email", email, false, v))).containsExactly("email:invalid_email");
  }

  @ParameterizedTest
  @ValueSource(strings = {"aziza@example.com", "a.b+tag@mail.example.uz", "X_Y@sub-domain.example.co"})
  void ordinaryAddressesPass(String email) {
    assertThat(codes(v -> ContactRules.checkEmail("email", email, true, v))).isEmpty();
  }

  @Test
  void aMissingEmailIsRefusedOnlyWhenRequired() {
    assertThat(codes(v -> ContactRules.checkEmail("email", null, true, v))).containsExactly("email:invalid_email");
    assertThat(codes(v -> ContactRules.checkEmail("email", null, false, v))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"998901111111", "+0998901111111", "+99890 111 11 11", "+1234567890123456", "+"})
  void phoneMustBeE164WhenPresent(String phone) {
    assertThat(codes(v -> ContactRules.checkPhone("phone", phone, v))).containsExactly("phone:invalid_phone");
  }

  @Test
  void e164NumbersPass() {
    assertThat(codes(v -> ContactRules.checkPhone("phone", "+998901111111", v))).isEmpty();
    assertThat(codes(v -> ContactRules.checkPhone("phone", null, v))).isEmpty();
  }
}
