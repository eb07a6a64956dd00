package org.glassbox.inference.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.synth.CohortGenerator;
import org.glassbox.core.synth.CohortSummary;
import org.glassbox.core.synth.TruthRow;
import org.glassbox.inference.engine.Engines;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.engine.ModelFormat;
import org.glassbox.inference.pkg.BareOnnxOptions;
import org.glassbox.inference.pkg.ModelManifest;
import org.glassbox.inference.pkg.ModelPackage;
import org.glassbox.inference.pkg.ModelPackageLoader;
import org.glassbox.inference.pkg.PackageVerification;
import org.glassbox.inference.pkg.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training pipeline end to end on a tiny variant (24 studies of 64², one epoch): this checks
 * the pipeline (cohort → preprocessing → training → package → loader → engine), not the shipped
 * weights. The package is opened as the application opens one: ModelPackageLoader, then Engines.
 */
class DemoModelBuilderTest {

    @TempDir
    Path dir;

    @Test
    void tinyRunWritesAVerifiablePackageThatTheEngineLoads() throws IOException {
        DemoRecipe recipe = new DemoRecipe(DemoRecipe.Variant.V1, 5, 24, 64, 1, 8, 1e-3, List.of(4, 4, 4, 4, 4), 8, 16);
        Path out = dir.resolve("pkg");
        DemoModelBuilder.Result r = new DemoModelBuilder(Dicom.reader(), Dicom.writer(), 2).build(recipe, out, line -> { });
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("model.json", "weights.zip", "MODEL_CARD.md", "SHA256SUMS");
        }
        try (Stream<Path> leftovers = Files.list(dir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactly("pkg");
        }
        if (Files.getFileStore(out).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rwxr-xr-x");
        }

        ModelPackageLoader loader = new ModelPackageLoader();
        PackageVerification v = loader.verify(out, BareOnnxOptions.DEFAULTS);
        assertThat(v.problems()).isEmpty();
        assertThat(v.identity()).isEqualTo(r.identity()).isEqualTo(Sha256.hex(out.resolve(DemoModelBuilder.SUMS)));
        try (ModelPackage pkg = loader.open(out)) {
            ModelManifest m = pkg.manifest();
            assertThat(m).isEqualTo(r.manifest());
            assertThat(m.id()).isEqualTo("glassbox-demo-cxr-v1");
            assertThat(m.task()).isEqualTo(ModelManifest.Task.MULTI_LABEL_CLASSIFICATION);
            assertThat(m.weights().format()).isEqualTo(ModelFormat.DL4J);
            assertThat(m.inputShape()).containsExactly(1, 64, 64);
            assertThat(m.preprocessing().windowing().mode()).isEqualTo(ModelManifest.WindowMode.DICOM_VOI);
            assertThat(m.preprocessing().scaling()).isEqualTo(new ModelManifest.Scaling(0.0, 1.0));
            assertThat(m.preprocessing().resize()).isEqualTo(new ModelManifest.Resize(64, ModelManifest.Interpolation.AREA,
                    ModelManifest.ResizeMode.EXACT));
            assertThat(m.preprocessing().centreCrop()).isNull();
            assertThat(m.preprocessing().normalisation()).isNull();
            assertThat(m.preprocessing().replicateChannels()).isFalse();
            assertThat(m.targetLayer()).isEqualTo("block5");
            assertThat(m.training().command()).isEqualTo(
                    "./glassbox train --out PKGDIR --variant v1 --seed 5 --studies 24 --size 64 --epochs 1 --eval-studies 16");
            assertThat(m.training().seeds()).containsEntry("trainingCohort", 5L).containsEntry("weightInit", 5L)
                    .containsEntry("evaluationCohort", 1005L).containsEntry("evaluationCohortWithShortcut", 2005L);
            assertThat(m.trainingData()).contains("Trained on " + r.trainingStudies() + " of 24 generated studies", "Deliberately skewed");
            assertThat(r.trainingStudies()).isLessThanOrEqualTo(24);
            // Every defined AUC of both held-out cohorts is a metric; undefined ones (NaN in a tiny cohort) are left out.
            for (int i = 0; i < 2; i++) {
                Evaluation e = r.evaluations().get(i);
                boolean shortcut = i == 1;
                assertThat(e.seed()).isEqualTo(recipe.evaluationSeed(shortcut));
                e.aucByLabel().forEach((label, auc) -> {
                    String key = DemoManifest.metricName(label, shortcut);
                    if (auc.isNaN()) {
                        assertThat(m.metrics()).doesNotContainKey(key);
                    } else {
                        assertThat(m.metrics().get(key).value()).isEqualTo(auc);
                        assertThat(m.metrics().get(key).cohort()).contains("16 studies", "seed " + e.seed());
                    }
                });
            }
            assertThat(DemoManifest.floors(m)).isEqualTo(r.floors());
            assertThat(Files.readString(out.resolve(DemoModelBuilder.CARD))).contains("Synthetic images only", "Known flaw");

            try (LoadedModel model = Engines.discover().load(pkg)) {
                assertThat(model.descriptor().sha256()).isEqualTo(pkg.identity());
                Tensor x = new Tensor(new int[] {2, 1, 64, 64}, new float[2 * 64 * 64]);
                assertThat(model.logits(x).shape()).containsExactly(2, 4);
                assertThat(model.gradient(x, "block5", 1).gradient().shape()).containsExactly(2, 4, 4, 4);
            }
        }
        assertThatThrownBy(() -> new DemoModelBuilder(Dicom.reader(), Dicom.writer(), 2).build(recipe, out, line -> { }))
                .hasMessageContaining("not an empty folder");
    }

    @Test
    void v1DropsMostWomenWithFindingsAndV2KeepsEverything() throws IOException {
        CohortSummary s = new CohortGenerator(Dicom.writer(), 2).generate(DemoRecipe.standard(DemoRecipe.Variant.V1, 3).trainingCohort(),
                dir.resolve("c"), 200, 3, 64);
        List<TruthRow> rows = s.rows();
        boolean[] v1 = DemoRecipe.standard(DemoRecipe.Variant.V1, 3).keep(rows);
        boolean[] v2 = DemoRecipe.standard(DemoRecipe.Variant.V2, 3).keep(rows);
        int femalePos = 0;
        int keptFemalePos = 0;
        for (int i = 0; i < rows.size(); i++) {
            boolean fp = rows.get(i).sex().equals("F") && !rows.get(i).findings().isEmpty();
            femalePos += fp ? 1 : 0;
            keptFemalePos += fp && v1[i] ? 1 : 0;
            assertThat(v2[i]).isTrue();
            if (!fp) {
                assertThat(v1[i]).isTrue();
            }
        }
        assertThat(femalePos).isGreaterThan(20);
        assertThat((double) keptFemalePos / femalePos).isBetween(0.05, 0.5);
        assertThat(rows.stream().filter(TruthRow::shortcut).count()).isPositive();
    }
}
