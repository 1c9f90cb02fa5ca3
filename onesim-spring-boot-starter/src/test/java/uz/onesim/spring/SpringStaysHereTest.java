package uz.onesim.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The SDK's own modules never depend on Spring: only this starter does. */
class SpringStaysHereTest {
  @Test
  void noModuleButTheStarterUsesSpring() {
    JavaClasses sdk = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("uz.onesim.core", "uz.onesim.client", "uz.onesim.esimaccess", "uz.onesim.backend");
    noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(sdk);
  }
}
