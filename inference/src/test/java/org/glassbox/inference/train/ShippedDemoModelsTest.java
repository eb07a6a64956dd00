package org.glassbox.inference.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.glassbox.core.ai.ModelDescriptor.OutputKind;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.synth.CohortGenerator;
import org.glassbox.core.synth.CohortSummary;
import org.glassbox.inference.dl4j.Dl4jEngine;
import org.glassbox.inference.engine.Engines;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.engine.ModelFormat;
import org.glassbox.inference.pkg.BareOnnxOptions;
import org.glassbox.inference.pkg.ModelManifest;
import org.glassbox.inference.pkg.ModelPackage;
import org.glassbox.inference.pkg.ModelPackageLoader;
import org.glassbox.inference.pkg.PackageVerification;
import org.glassbox.inference.pkg.Sha256;
import org.glassbox.inference.preprocess.DicomGreyscalePreprocessor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo packages shipped in the resources jar, opened the way the application opens a model:
 * {@link ModelPackageLoader} (hashes, schema) and {@link Engines#discover()} (the DL4J engine found
 * through ServiceLoader). Their manifests say what the demo models are, and on a freshly generated
 * balanced, shortcut-free cohort (a seed the training never used) each label's AUC is at least the
 * floor the card states — floors recomputed from the manifest's own metrics.
 */
@Tag("heavy")
class ShippedDemoModelsTest {
    static final String ROOT = "/org/glassbox/resources/models/";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"demo-v1", "demo-v2"})
    void shippedPackageVerifiesLoadsAndMeetsItsStatedFloors(String name) throws IOException {
        Path pkgDir = LegacyDemoPackagesTest.copyShipped(name, dir.resolve(name));
        assertThat(Files.size(pkgDir.resolve(DemoModelBuilder.WEIGHTS))).isLessThan(8L << 20);
        ModelPackageLoader loader = new ModelPackageLoader();
        PackageVerification v = loader.verify(pkgDir, BareOnnxOptions.DEFAULTS);
        assertThat(v.problems()).isEmpty();
        assertThat(v.files()).extracting(PackageVerification.FileCheck::file)
                .containsExactlyInAnyOrder(DemoModelBuilder.MANIFEST, DemoModelBuilder.WEIGHTS, DemoModelBuilder.CARD);
        assertThat(v.identity()).isEqualTo(Sha256.hex(pkgDir.resolve(DemoModelBuilder.SUMS)));

        Engines engines = Engines.discover();
        assertThat(engines.engineFor(ModelFormat.DL4J)).isInstanceOf(Dl4jEngine.class);
        try (ModelPackage pkg = loader.open(pkgDir)) {
            ModelManifest m = pkg.manifest();
            String variant = name.substring("demo-".length());
            assertThat(m.id()).isEqualTo("glassbox-demo-cxr-" + variant);
            assertThat(m.task()).isEqualTo(ModelManifest.Task.MULTI_LABEL_CLASSIFICATION);
            assertThat(m.weights()).isEqualTo(new ModelManifest.Weights(ModelFormat.DL4J, DemoModelBuilder.WEIGHTS));
            assertThat(m.labels()).isEqualTo(DemoRecipe.LABELS);
            assertThat(m.output()).isEqualTo(OutputKind.SIGMOID);
            assertThat(m.channels()).isEqualTo(ModelManifest.Channels.GREY);
            int size = m.inputShape().get(1);
            assertThat(m.inputShape()).containsExactly(1, size, size);
            // What the re-check below (and training) does to an image: DicomGreyscalePreprocessor at this size.
            assertThat(m.preprocessing()).isEqualTo(DemoManifest.preprocessing(size));
            assertThat(m.targetLayer()).isEqualTo("block5");
            assertThat(m.training().command()).contains("--variant " + variant, "--seed " + m.training().seeds().get("trainingCohort"));
            assertThat(m.trainingData()).contains("Synthetic", "no real patients", "Trained on ");
            for (String label : DemoRecipe.LABELS) {
                assertThat(m.metrics()).containsKeys(DemoManifest.metricName(label, false), DemoManifest.metricName(label, true));
            }
            assertThat(m.metrics()).containsKeys(DemoManifest.subgroupMetricName("consolidation", "sex", "F", false),
                    DemoManifest.subgroupMetricName("consolidation", "sex", "M", true));

            Map<String, Double> floors = DemoManifest.floors(m);
            assertThat(floors).as("the card states at least one floor").isNotEmpty();
            String card = Files.readString(pkgDir.resolve(DemoModelBuilder.CARD), StandardCharsets.UTF_8);
            assertThat(card).contains("**Acceptance floors** (checked on a fresh generated cohort by the test suite): " + floors);

            CohortSummary cohort = new CohortGenerator(Dicom.writer(), 2).generate(DemoRecipe.evaluationCohort(false), dir.resolve("cohort"),
                    240, 987_654, size);
            CohortImages images = CohortImages.load(cohort.out(), cohort.rows(), new DicomGreyscalePreprocessor(Dicom.reader(), size), 2);
            try (LoadedModel model = engines.load(pkg)) {
                assertThat(model.descriptor().sha256()).isEqualTo(pkg.identity());
                Evaluation e = Evaluation.of("re-check", 987_654, images, model, 64);
                floors.forEach((label, floor) -> assertThat(e.aucByLabel().get(label)).as(name + " " + label).isGreaterThanOrEqualTo(floor));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo-v1", "demo-v2"})
    void aTamperedShippedPackageIsRefused(String name) throws IOException {
        Path pkgDir = LegacyDemoPackagesTest.copyShipped(name, dir.resolve(name));
        Path manifest = pkgDir.resolve(DemoModelBuilder.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\"size\" : 96", "\"size\" : 97"));
        PackageVerification v = new ModelPackageLoader().verify(pkgDir, BareOnnxOptions.DEFAULTS);
        assertThat(v.problems()).singleElement().asString().contains("model.json", "SHA-256 does not match");
        assertThat(v.ok()).isFalse();
    }
}
