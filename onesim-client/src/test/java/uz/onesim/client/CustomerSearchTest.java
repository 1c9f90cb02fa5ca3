package uz.onesim.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.LocalSupabase;
import uz.onesim.testkit.LocalSupabaseExtension;
import uz.onesim.testkit.SampleData;

/** Customer search quotes user text in one place (FilterValues.logicValue): reserved characters search literally. */
class CustomerSearchTest {
  static LocalSupabase supabase;
  static OneSim.UserSession grand;

  @BeforeAll
  static void start() {
    supabase = LocalSupabaseExtension.freshShared();
    grand = OneSim.builder().supabaseUrl(supabase.url()).apiKey(supabase.anonKey()).build()
        .asUser(supabase.userJwt(SampleData.GRAND_TRAVEL_USER));
    grand.customers().save(NewCustomer.of("Shamsiddin", "O'Neil (Jr.)", "o'neil+tours@example.com", null));
  }

  List<String> lastNames(String search) {
    return grand.customers().list(search, 0, 50).rows().stream().map(PartnerCustomer::lastName).toList();
  }

  @Test
  void textWithTheFilterGrammarsReservedCharactersIsSearchedLiterally() {
    assertThat(lastNames("O'Neil (Jr.)")).containsExactly("O'Neil (Jr.)");
    assertThat(lastNames("neil+tours@example")).containsExactly("O'Neil (Jr.)");
    assertThat(lastNames("Karimova")).containsExactly("Karimova");
  }

  @Test
  void anAttemptToAddAFilterFindsNothingInsteadOfWideningTheSearch() {
    assertThat(lastNames("zzz,last_name.neq.x")).isEmpty();
    assertThat(lastNames("zzz\",last_name.neq.\"x")).isEmpty();
    assertThat(lastNames("zzz),or(last_name.neq.x")).isEmpty();
  }
}
