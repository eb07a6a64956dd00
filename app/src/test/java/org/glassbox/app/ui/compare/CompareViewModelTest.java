package org.glassbox.app.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.glassbox.app.ui.ViewId;
import org.glassbox.app.ui.WorkstationContext;
import org.glassbox.app.workflow.CaseComparison;
import org.glassbox.app.workflow.CohortComparisonRun;
import org.glassbox.app.workflow.WorklistRow;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.SaliencyMap;
import org.glassbox.explain.compare.DecisionFlip;
import org.glassbox.explain.compare.LabelComparison;
import org.glassbox.explain.compare.McNemarTest;
import org.glassbox.explain.compare.ModelComparison;
import org.glassbox.explain.compare.PairedAuc;
import org.glassbox.explain.compare.SubgroupComparison;
import org.glassbox.explain.fairness.FairnessSettings;
import org.glassbox.viewer.render.MapFootprint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compare view's state, headless: no toolkit, no models (the view is not active, so no job starts). */
class CompareViewModelTest {
    @TempDir
    Path workspace;
    WorkstationContext context;
    CompareViewModel vm;

    @BeforeEach
    void setUp() {
        context = WorkstationContext.open(workspace);
        vm = new CompareViewModel(context);
    }

    @AfterEach
    void tearDown() {
        context.close();
    }

    static WorklistRow row(String sop, String pseudonym) {
        return new WorklistRow(sop, pseudonym, LocalDate.of(2024, 1, 2), "DX", "PA", "F", 50, "abcd", null, null, List.of());
    }

    static RegisteredModel model(String id, String sha, String... labels) {
        String json = "{\"id\":\"" + id + "\",\"labels\":[" + String.join(",", java.util.Arrays.stream(labels).map(l -> "\"" + l + "\"").toList()) + "]}";
        return new RegisteredModel(id, "1.0", "dl4j", sha, "/m/" + id, json, Instant.EPOCH);
    }

    static SubgroupComparison all(double aucA, double aucB, double p, double mcNemarP, double kappa) {
        PairedAuc auc = new PairedAuc(aucA, aucB, aucB - aucA, aucB - aucA - 0.05, aucB - aucA + 0.05, 1.2, p, 100, 40, null);
        return new SubgroupComparison("all", "all", auc, new McNemarTest(80, 5, 9, 6, Double.NaN, mcNemarP, McNemarTest.EXACT), kappa, 100);
    }

    static ModelComparison comparison() {
        List<DecisionFlip> nodule = List.of(
                new DecisionFlip("s1", 0.40, 0.70, false, true, (byte) 1, 0.30),   // up
                new DecisionFlip("s2", 0.55, 0.45, true, false, (byte) 0, -0.10));  // down
        List<DecisionFlip> effusion = List.of(
                new DecisionFlip("s3", 0.90, 0.30, true, false, (byte) -1, -0.60)); // down, truth unknown
        return new ModelComparison(FairnessSettings.defaults(List.of()), 100, 2, 0, List.of(
                new LabelComparison("nodule", 0.5, 0.6, all(0.70, 0.80, 0.01, 0.2, 0.61), List.of(), nodule),
                new LabelComparison("effusion", 0.45, 0.5, all(0.90, 0.85, Double.NaN, 0.0004, Double.NaN), List.of(), effusion)));
    }

    @Test
    void cohortTableHasOneRowPerLabelWithTheStatisticsAndFlipDirections() {
        vm.showComparison(comparison(), Map.of("s1", row("s1", "P1"), "s2", row("s2", "P2")));
        assertThat(vm.cohortRows()).hasSize(2);
        CompareViewModel.CohortRow nodule = vm.cohortRows().get(0);
        assertThat(nodule.label()).isEqualTo("nodule");
        assertThat(nodule.n()).isEqualTo(100);
        assertThat(nodule.aucA()).isEqualTo(0.70);
        assertThat(nodule.aucB()).isEqualTo(0.80);
        assertThat(nodule.difference()).isEqualTo(0.80 - 0.70);
        assertThat(nodule.deLongP()).isEqualTo(0.01);
        assertThat(nodule.mcNemarP()).isEqualTo(0.2);
        assertThat(nodule.kappa()).isEqualTo(0.61);
        assertThat(nodule.flipsUp()).isEqualTo(1);
        assertThat(nodule.flipsDown()).isEqualTo(1);
        assertThat(nodule.thresholdB()).isEqualTo(0.6);
        CompareViewModel.CohortRow effusion = vm.cohortRows().get(1);
        assertThat(effusion.flipsUp()).isZero();
        assertThat(effusion.flipsDown()).isEqualTo(1);
        assertThat(CompareView.p(effusion.mcNemarP())).isEqualTo("<0.001");
        assertThat(CompareView.p(effusion.deLongP())).isEqualTo("n/a");
        assertThat(vm.cohortStatus().get()).contains("100 paired cases").contains("only A: 2").contains("3 flipped");
    }

    @Test
    void flippedCasesOfAllLabelsAreSortedByTheSizeOfTheScoreChangeWithPseudonymsAndTruth() {
        vm.showComparison(comparison(), Map.of("s1", row("s1", "P1"), "s2", row("s2", "P2")));
        assertThat(vm.flips()).extracting(CompareViewModel.FlipRow::sopInstanceUid).containsExactly("s3", "s1", "s2");
        CompareViewModel.FlipRow s3 = vm.flips().get(0);
        assertThat(s3.label()).isEqualTo("effusion");
        assertThat(s3.truth()).isEqualTo("?");
        assertThat(s3.patientPseudonym()).isEmpty(); // not in the rows given
        assertThat(s3.change()).isEqualTo(-0.60);
        assertThat(vm.flips().get(1).patientPseudonym()).isEqualTo("P1");
        assertThat(vm.flips().get(1).truth()).isEqualTo("1");
    }

    @Test
    void openingAFlippedCaseMakesItTheCurrentCaseExplainsItsLabelAndStaysInTheCompareView() {
        WorklistRow listed = row("s1", "P1");
        context.worklist().setRows(List.of(listed, row("s2", "P2")));
        context.activeView().set(ViewId.FAIRNESS); // no model work while compare is not showing
        vm.showComparison(comparison(), Map.of("s1", row("s1", "P1"), "s2", row("s2", "P2"), "s3", row("s3", "P3")));
        CompareViewModel.FlipRow s1 = vm.flips().stream().filter(f -> f.sopInstanceUid().equals("s1")).findFirst().orElseThrow();
        assertThat(vm.open(s1)).isTrue();
        assertThat(context.currentCase().get()).isSameAs(listed); // the worklist's own row
        assertThat(vm.target().get()).isEqualTo("nodule");
        assertThat(context.activeView().get()).isEqualTo(ViewId.FAIRNESS);

        // A case the worklist does not list (filtered away) still opens, from the rows read with the comparison.
        CompareViewModel.FlipRow s3 = vm.flips().get(0);
        assertThat(vm.open(s3)).isTrue();
        assertThat(context.currentCase().get().sopInstanceUid()).isEqualTo("s3");
        assertThat(context.currentCase().get().patientPseudonym()).isEqualTo("P3");
        assertThat(vm.target().get()).isEqualTo("effusion");

        assertThat(vm.open(new CompareViewModel.FlipRow("", "gone", "nodule", 0, 1, 1, "?"))).isFalse();
        assertThat(vm.cohortStatus().get()).contains("gone");
    }

    @Test
    void scoreRowsDecideAtTheirThresholdsAndFlagFlips() {
        CompareViewModel.ScoreRow flipped = new CompareViewModel.ScoreRow("nodule", 0.55, 0.45, 0.5, 0.5, true);
        assertThat(flipped.positiveA()).isTrue();
        assertThat(flipped.positiveB()).isFalse();
        assertThat(flipped.flipped()).isTrue();
        assertThat(new CompareViewModel.ScoreRow("x", 0.55, 0.45, 0.6, 0.4, false).flipped()).isTrue();
        assertThat(new CompareViewModel.ScoreRow("x", 0.55, 0.45, 0.4, 0.4, false).flipped()).isFalse();
        assertThat(new CompareViewModel.ScoreRow("x", Double.NaN, 0.9, 0.5, 0.5, false).flipped()).isFalse();
    }

    @Test
    void modelsDefaultToTheFirstTwoRegisteredAndTheirLabelsAreOffered() {
        RegisteredModel v1 = model("demo", "a".repeat(64), "nodule", "effusion");
        RegisteredModel v2 = model("demo2", "b".repeat(64), "nodule", "cardiomegaly");
        context.models().setAll(v1, v2);
        assertThat(vm.modelA().get()).isEqualTo(v1);
        assertThat(vm.modelB().get()).isEqualTo(v2);
        assertThat(vm.labels()).containsExactly("nodule", "effusion", "cardiomegaly");
        vm.target().set("cardiomegaly");
        vm.modelB().set(model("demo3", "c".repeat(64), "nodule"));
        assertThat(vm.labels()).containsExactly("nodule", "effusion");
        assertThat(vm.target().get()).as("a label no model has any more falls back to auto").isNull();
    }

    @Test
    void cohortComparisonRefusesMissingModelsAndBadThresholdsWithoutAJob() {
        vm.compareCohort();
        assertThat(vm.cohortStatus().get()).contains("Choose model A and model B");
        context.models().setAll(model("demo", "a".repeat(64), "nodule"), model("demo2", "b".repeat(64), "nodule"));
        vm.threshold().set("1.5");
        vm.compareCohort();
        assertThat(vm.cohortStatus().get()).startsWith("Threshold:");
        assertThat(context.jobs().running()).isEmpty();
    }
    static CompareViewModel.CaseView caseView(String nameA, String nameB) {
        SaliencyMap map = new SaliencyMap(2, 2, new float[] {0, 0.25f, 0.5f, 1});
        Explanation e = new Explanation(ExplanationMethod.GRADCAM, 0, Map.of(), map, null, 0f, 0.5f, 1, 1);
        CaseComparison.Result r = new CaseComparison.Result("s1", null, null, nameA, nameB,
                List.of(new CaseComparison.LabelScores("nodule", 0.55, 0.58)), "nodule", e, e,
                MapFootprint.whole(2, 2), MapFootprint.whole(2, 2));
        return new CompareViewModel.CaseView(r, DifferenceMap.of(map, map));
    }

    @Test
    void changingAModelDropsTheCohortResultItsThresholdsAndTheCaseShown() {
        RegisteredModel v1 = model("demo", "a".repeat(64), "nodule", "effusion");
        RegisteredModel v2 = model("demo2", "b".repeat(64), "nodule", "effusion");
        context.models().setAll(v1, v2);
        context.activeView().set(ViewId.FAIRNESS); // no model work
        vm.showComparison(comparison(), Map.of("s3", row("s3", "P3")));
        CompareViewModel.FlipRow s3 = vm.flips().get(0);
        vm.showCase(caseView("demo 1.0", "demo2 1.0"));
        // nodule: A at 0.5 positive, B at the cohort's 0.6 negative.
        assertThat(vm.scores().get(0).thresholdB()).isEqualTo(0.6);
        assertThat(vm.caseStatus().get()).contains("at the cohort thresholds");

        vm.modelB().set(model("demo3", "c".repeat(64), "nodule", "effusion"));
        assertThat(vm.cohortRows()).isEmpty();
        assertThat(vm.flips()).isEmpty();
        assertThat(vm.caseView().get()).as("the old pair's case").isNull();
        assertThat(vm.scores()).isEmpty();
        assertThat(vm.cohortStatus().get()).contains("Models changed");
        assertThat(vm.open(s3)).as("the old pair's flip, from the old rows").isFalse();
        vm.showCase(caseView("demo 1.0", "demo3 1.0"));
        assertThat(vm.scores().get(0).thresholdB()).as("no cohort thresholds of the previous pair").isEqualTo(CompareViewModel.DEFAULT_THRESHOLD);
        assertThat(vm.caseStatus().get()).contains("decisions at 0.5");
    }

    @Test
    void aCohortResultForAPairNoLongerChosenIsDropped() {
        RegisteredModel v1 = model("demo", "a".repeat(64), "nodule");
        RegisteredModel v2 = model("demo2", "b".repeat(64), "nodule");
        RegisteredModel v3 = model("demo3", "c".repeat(64), "nodule");
        context.models().setAll(v1, v2);
        context.activeView().set(ViewId.FAIRNESS);
        vm.modelB().set(v3); // while the v1 | v2 job ran
        vm.cohortFinished(v1, v2, new CompareViewModel.CohortResult(new CohortComparisonRun.Outcome(comparison(), null, null), Map.of(), null));
        assertThat(vm.cohortRows()).isEmpty();
        assertThat(vm.flips()).isEmpty();
        assertThat(vm.cohortStatus().get()).contains("Models changed while comparing");
        vm.cohortFinished(v1, v3, new CompareViewModel.CohortResult(new CohortComparisonRun.Outcome(comparison(), null, null), Map.of(), null));
        assertThat(vm.cohortRows()).hasSize(2);
    }

    @Test
    void choosingTheSameModelForAAndBClearsTheCaseShown() {
        RegisteredModel v1 = model("demo", "a".repeat(64), "nodule");
        context.models().setAll(v1, model("demo2", "b".repeat(64), "nodule"));
        context.activeView().set(ViewId.FAIRNESS);
        context.currentCase().set(row("s1", "P1"));
        vm.showCase(caseView("demo 1.0", "demo2 1.0"));
        vm.modelB().set(v1);
        assertThat(vm.caseView().get()).isNull();
        assertThat(vm.scores()).isEmpty();
        context.activeView().set(ViewId.COMPARE); // A equals B: refused before any job
        assertThat(vm.caseView().get()).isNull();
        assertThat(vm.caseStatus().get()).contains("same package");
        assertThat(context.jobs().running()).isEmpty();
    }
}
