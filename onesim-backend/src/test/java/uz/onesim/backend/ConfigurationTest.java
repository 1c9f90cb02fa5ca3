package uz.onesim.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import uz.onesim.client.OneSim;
import uz.onesim.core.ConfigurationException;
import uz.onesim.esimaccess.EsimAccessClient;

/** Builders name exactly what is missing, refuse a public key where a secret one belongs, and never print a key. */
class ConfigurationTest {
  static final EsimAccessClient ESIM = EsimAccessClient.builder().baseUrl("http://127.0.0.1:9").accessCode("a").secretKey("s").build();

  static String jwtWithRole(String role) {
    Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
    return b.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b.encodeToString(("{\"iss\":\"supabase\",\"role\":\"" + role + "\"}").getBytes(StandardCharsets.UTF_8)) + ".c2ln";
  }

  @Test
  void eachBuilderNamesEverySettingItMisses() {
    ConfigurationException backend = catchThrowableOfType(() -> OneSimBackend.builder().build(), ConfigurationException.class);
    assertThat(backend.code()).isEqualTo("configuration_missing");
    assertThat(backend.settings()).containsExactly("supabaseUrl", "serviceKey", "esimAccess");
    assertThat(backend.getMessage()).contains("supabaseUrl").contains("serviceKey").contains("esimAccess");

    ConfigurationException client = catchThrowableOfType(() -> OneSim.builder().supabaseUrl("http://x").build(), ConfigurationException.class);
    assertThat(client.settings()).containsExactly("apiKey");

    ConfigurationException esim = catchThrowableOfType(() -> EsimAccessClient.builder().build(), ConfigurationException.class);
    assertThat(esim.settings()).as("the secret key is optional: header-only accounts").containsExactly("accessCode");
  }

  @Test
  void theAnonOrPublishableKeyIsRefusedAsAServiceKeyWithoutBeingPrinted() {
    for (String publicKey : new String[] {jwtWithRole("anon"), "sb_publishable_abcdef0123456789"}) {
      ConfigurationException e = catchThrowableOfType(() -> OneSimBackend.builder().supabaseUrl("http://127.0.0.1:9")
          .serviceKey(publicKey).esimAccess(ESIM).build(), ConfigurationException.class);
      assertThat(e.code()).isEqualTo("invalid_configuration");
      assertThat(e.settings()).containsExactly("serviceKey");
      assertThat(e.getMessage()).contains("public anon/publishable key").doesNotContain(publicKey);
    }
    assertThat(OneSimBackend.builder().supabaseUrl("http://127.0.0.1:9").serviceKey(jwtWithRole("service_role")).esimAccess(ESIM).build())
        .isNotNull();
  }

  @Test
  void fromEnvNamesEveryMissingVariableAndNeverPrintsAValue() {
    ConfigurationException none = catchThrowableOfType(() -> OneSimBackend.fromEnv(name -> null), ConfigurationException.class);
    assertThat(none.code()).isEqualTo("configuration_missing");
    assertThat(none.settings()).containsExactly("SUPABASE_URL", "SUPABASE_SECRET_KEY or SUPABASE_SERVICE_ROLE_KEY",
        "ESIMACCESS_ACCESS_CODE");
    ConfigurationException app = catchThrowableOfType(() -> OneSim.fromEnv(java.util.Map.of("SUPABASE_URL", "http://x")::get),
        ConfigurationException.class);
    assertThat(app.settings()).containsExactly("SUPABASE_PUBLISHABLE_KEY or SUPABASE_ANON_KEY");

    String anon = jwtWithRole("anon");
    ConfigurationException swapped = catchThrowableOfType(() -> OneSimBackend.fromEnv(java.util.Map.of("SUPABASE_URL", "http://127.0.0.1:9",
        "SUPABASE_SERVICE_ROLE_KEY", anon, "ESIMACCESS_ACCESS_CODE", "code")::get), ConfigurationException.class);
    assertThat(swapped.code()).isEqualTo("invalid_configuration");
    assertThat(swapped.getMessage()).doesNotContain(anon);

    assertThat(OneSimBackend.fromEnv(java.util.Map.of("SUPABASE_URL", "http://127.0.0.1:9", "SUPABASE_SECRET_KEY", "sb_secret_x",
        "ESIMACCESS_ACCESS_CODE", "code", "ESIMACCESS_BASE_URL", "http://127.0.0.1:9")::get)).isNotNull();
    assertThat(OneSim.fromEnv(java.util.Map.of("SUPABASE_URL", "http://127.0.0.1:9", "SUPABASE_ANON_KEY", "k")::get)).isNotNull();
  }
}
