package org.glassbox.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/ARCHITECTURE.md, enforced: core ← inference, explain, viewer ← app;
 * inference, explain and viewer never depend on each other; only core.dicom imports the DICOM
 * toolkit, only inference imports ND4J/DL4J, only viewer and app import JavaFX.
 *
 * <p>The app module's test classpath holds every module, so one import sees the whole product.
 */
class ArchitectureRulesTest {
    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.glassbox");
    }

    private static void check(ArchRule rule) {
        rule.check(product);
    }

    @Test
    void productClassesWereImported() {
        // Guard against a rule passing vacuously because nothing was imported.
        org.assertj.core.api.Assertions.assertThat(product.containPackage("org.glassbox.core.dicom")).isTrue();
        org.assertj.core.api.Assertions.assertThat(product.containPackage("org.glassbox.app.cli")).isTrue();
    }

    static final ArchRule CORE_DEPENDS_ON_NO_OTHER_MODULE = noClasses().that().resideInAPackage("org.glassbox.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.glassbox.inference..", "org.glassbox.explain..", "org.glassbox.viewer..", "org.glassbox.app..");

    static final ArchRule ONLY_CORE_DICOM_IMPORTS_THE_DICOM_TOOLKIT = noClasses()
            .that().resideOutsideOfPackage("org.glassbox.core.dicom..")
            .should().dependOnClassesThat().resideInAnyPackage("com.pixelmed..", "org.dcm4che..", "gdcm..");

    @Test
    void coreDependsOnNoOtherModule() {
        check(CORE_DEPENDS_ON_NO_OTHER_MODULE);
    }

    /** The rules must be able to fail: a core class that reaches into app and into PixelMed. */
    @Test
    void rulesCatchAViolatingClass() {
        JavaClasses violating = new ClassFileImporter().importClasses(
                org.glassbox.core.archfixture.ViolatingCoreClass.class);
        org.assertj.core.api.Assertions.assertThat(CORE_DEPENDS_ON_NO_OTHER_MODULE.evaluate(violating).hasViolation()).isTrue();
        org.assertj.core.api.Assertions.assertThat(ONLY_CORE_DICOM_IMPORTS_THE_DICOM_TOOLKIT.evaluate(violating).hasViolation()).isTrue();
    }

    // inference, explain and viewer stay almost empty until their issues: an empty module must not
    // fail the build, so these three rules allow an empty "that()" clause.
    @Test
    void inferenceDependsOnlyOnCore() {
        check(noClasses().that().resideInAPackage("org.glassbox.inference..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.glassbox.explain..", "org.glassbox.viewer..", "org.glassbox.app..").allowEmptyShould(true));
    }

    @Test
    void explainDependsOnlyOnCore() {
        check(noClasses().that().resideInAPackage("org.glassbox.explain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.glassbox.inference..", "org.glassbox.viewer..", "org.glassbox.app..").allowEmptyShould(true));
    }

    @Test
    void viewerDependsOnlyOnCore() {
        check(noClasses().that().resideInAPackage("org.glassbox.viewer..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.glassbox.inference..", "org.glassbox.explain..", "org.glassbox.app..").allowEmptyShould(true));
    }

    @Test
    void onlyCoreDicomImportsTheDicomToolkit() {
        check(ONLY_CORE_DICOM_IMPORTS_THE_DICOM_TOOLKIT);
    }

    @Test
    void onlyInferenceImportsNd4j() {
        check(noClasses().that().resideOutsideOfPackage("org.glassbox.inference..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.nd4j..", "org.deeplearning4j..", "org.bytedeco..", "ai.onnxruntime.."));
    }

    @Test
    void onlyViewerAndAppImportJavaFx() {
        check(noClasses().that().resideOutsideOfPackages("org.glassbox.viewer..", "org.glassbox.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx.."));
    }

    @Test
    void theCliDoesNotDependOnTheGui() {
        check(noClasses().that().resideInAPackage("org.glassbox.app.cli..")
                .and().doNotHaveSimpleName("WorkstationCommand")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.."));
    }
}
