package uz.onesim.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * onesim-client is what partners and consumers embed: it must never reach the provider client or
 * the backend (docs/architecture.md, "the trust boundary").
 */
class TrustBoundaryTest {
  static final JavaClasses CLIENT = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("uz.onesim.client");

  @Test
  void clientCodeNeverReachesTheProviderOrTheBackend() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("uz.onesim.esimaccess..", "uz.onesim.backend..")
        .because("partners embed onesim-client; the provider credentials stay in onesim-backend")
        .check(CLIENT);
  }

  @Test
  void theProviderClientIsNotEvenOnTheClientsClassPath() {
    assertThatThrownBy(() -> Class.forName("uz.onesim.esimaccess.EsimAccessClient"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("uz.onesim.backend.OneSimBackend"))
        .isInstanceOf(ClassNotFoundException.class);
  }
}
