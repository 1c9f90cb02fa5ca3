package uz.onesim.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps onesim-core pure: no HTTP, JSON, JDBC, and none of our other modules. */
class ArchitectureTest {
  static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("uz.onesim.core");

  @Test
  void coreImportsNoHttpJsonOrJdbc() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "okhttp3..", "okio..", "java.net.http..", "java.net..", "com.fasterxml..", "java.sql..", "javax.sql..",
            "org.postgresql..", "org.flywaydb..")
        .because("onesim-core is the pure domain")
        .check(CORE);
  }

  @Test
  void coreDependsOnNoOtherOneSimModule() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "uz.onesim.client..", "uz.onesim.esimaccess..", "uz.onesim.testkit..", "uz.onesim.examples..")
        .check(CORE);
  }

  @Test
  void apiDoesNotLeakThroughInternalOnlyTypesInTheOtherDirection() {
    noClasses().that().resideInAPackage("uz.onesim.core.internal..")
        .should().dependOnClassesThat().resideInAnyPackage("uz.onesim.client..", "uz.onesim.esimaccess..")
        .check(CORE);
  }
}
