package org.glassbox.app.ui.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassbox.app.workflow.WorklistRow;
import org.junit.jupiter.api.Test;

class WorklistViewModelTest {
    private static WorklistRow row(String pseudonym, String sex, String site, List<String> findings) {
        return new WorklistRow("2.25." + pseudonym.hashCode(), pseudonym, LocalDate.of(2020, 1, 2), "DX", "PA", sex, 50,
                site, "Acme", "X1", findings);
    }

    private static WorklistRow scored(String pseudonym, double age, String manufacturer, double nodule, double effusion, int flags) {
        Map<String, Double> scores = new LinkedHashMap<>();
        if (!Double.isNaN(nodule)) {
            scores.put("nodule", nodule);
            scores.put("effusion", effusion);
        }
        return new WorklistRow("2.25." + pseudonym.hashCode(), pseudonym, null, "DX", "PA", "F", age, "s1", manufacturer, "X1",
                List.of(), scores, flags);
    }

    private static List<String> visible(WorklistViewModel vm) {
        return vm.visibleRows().stream().map(WorklistRow::patientPseudonym).toList();
    }

    @Test
    void filterMatchesAnyTextColumnCaseInsensitivelyAndUpdatesTheSummary() {
        WorklistViewModel vm = new WorklistViewModel();
        vm.setRows(List.of(
                row("GB01", "F", "aa11", List.of("nodule")),
                row("GB02", "M", "bb22", List.of()),
                row("GB03", "F", "bb22", List.of("effusion", "nodule"))));
        assertThat(vm.summaryProperty().get()).isEqualTo("3 cases");

        vm.filterProperty().set("NODULE");
        assertThat(visible(vm)).containsExactly("GB01", "GB03");
        assertThat(vm.summaryProperty().get()).isEqualTo("2 of 3 cases");

        vm.filterProperty().set("bb22");
        assertThat(visible(vm)).containsExactly("GB02", "GB03");

        vm.filterProperty().set("");
        assertThat(vm.visibleRows()).hasSize(3);
    }

    @Test
    void subgroupAttributeOffersTheValuesPresentAndFiltersOnTheChosenOne() {
        WorklistViewModel vm = new WorklistViewModel();
        vm.setRows(List.of(
                scored("A", 12, "Acme", 0.1, 0.2, 0),
                scored("B", 45, "Zeta", 0.5, 0.2, 0),
                scored("C", 47, null, 0.9, 0.2, 0),
                scored("D", Double.NaN, "Acme", 0.3, 0.2, 0)));
        vm.attributeProperty().set(SubgroupAttribute.AGE_BAND);
        assertThat(vm.attributeValues()).containsExactly("", "0-17", "40-59");
        vm.attributeValueProperty().set("40-59");
        assertThat(visible(vm)).containsExactly("B", "C");
        vm.attributeValueProperty().set("");
        assertThat(visible(vm)).containsExactly("D");

        // Another attribute: the value is cleared (no stale filter) and the choices follow.
        vm.attributeProperty().set(SubgroupAttribute.MANUFACTURER);
        assertThat(vm.attributeValueProperty().get()).isNull();
        assertThat(visible(vm)).hasSize(4);
        assertThat(vm.attributeValues()).containsExactly("", "Acme", "Zeta");
        vm.attributeValueProperty().set("Acme");
        assertThat(visible(vm)).containsExactly("A", "D");
    }

    @Test
    void findingFilterKeepsCasesWhoseTruthHasTheLabel() {
        WorklistViewModel vm = new WorklistViewModel();
        vm.setRows(List.of(
                row("GB01", "F", "aa11", List.of("nodule")),
                row("GB02", "M", "bb22", List.of("effusion")),
                row("GB03", "F", "bb22", List.of("effusion", "nodule"))));
        assertThat(vm.findings()).containsExactly("effusion", "nodule");
        vm.findingProperty().set("effusion");
        assertThat(visible(vm)).containsExactly("GB02", "GB03");
        vm.findingProperty().set(null);
        assertThat(visible(vm)).hasSize(3);
    }

    @Test
    void scoreRangeIsInclusiveOnTheChosenLabelAndHidesUnscoredCasesOnlyWhileNarrowed() {
        WorklistViewModel vm = new WorklistViewModel();
        vm.setRows(List.of(
                scored("A", 30, "Acme", 0.10, 0.9, 0),
                scored("B", 30, "Acme", 0.50, 0.1, 0),
                scored("C", 30, "Acme", 0.75, 0.1, 0),
                scored("U", 30, "Acme", Double.NaN, Double.NaN, 0)));
        assertThat(vm.scoreLabels()).containsExactly("nodule", "effusion");
        vm.scoreLabelProperty().set("nodule");
        assertThat(visible(vm)).containsExactly("A", "B", "C", "U");
        vm.scoreMinProperty().set(0.5);
        assertThat(visible(vm)).containsExactly("B", "C");
        // Both ends inclusive: B sits on the lower bound, C (0.75, exact in binary) on the upper one.
        vm.scoreMaxProperty().set(0.75);
        assertThat(visible(vm)).containsExactly("B", "C");
        vm.scoreMaxProperty().set(0.6);
        assertThat(visible(vm)).containsExactly("B");
        vm.scoreLabelProperty().set("effusion");
        assertThat(visible(vm)).isEmpty();
        vm.scoreMinProperty().set(0.0);
        assertThat(visible(vm)).containsExactly("B", "C");
        vm.scoreMaxProperty().set(1.0);
        assertThat(visible(vm)).containsExactly("A", "B", "C", "U");
    }

    @Test
    void flaggedOnlyCombinesWithTheOtherFiltersAndNewRowsKeepThem() {
        WorklistViewModel vm = new WorklistViewModel();
        WorklistRow a = scored("A", 30, "Acme", 0.1, 0.1, 2);
        WorklistRow b = scored("B", 30, "Zeta", 0.1, 0.1, 0);
        WorklistRow c = scored("C", 30, "Acme", 0.1, 0.1, 1);
        vm.setRows(List.of(a, b, c));
        vm.flaggedOnlyProperty().set(true);
        assertThat(visible(vm)).containsExactly("A", "C");
        vm.filterProperty().set("Acme");
        assertThat(visible(vm)).containsExactly("A", "C");

        // New rows (e.g. new scores) keep the filters.
        vm.filterProperty().set("");
        vm.setRows(List.of(a.withScores(Map.of(), 0), b.withScores(Map.of(), 3), c));
        assertThat(visible(vm)).containsExactly("B", "C");
        vm.clearFilters();
        assertThat(visible(vm)).hasSize(3);
    }

    /**
     * A restriction (a fairness cell's click-through) replaces the other filters: with sex=M or
     * "flagged only" still set, a "sex=F" cell would show fewer cases than its banner promises.
     */
    @Test
    void restrictionClearsTheOtherFiltersSoTheBannerTellsTheWholeStory() {
        WorklistViewModel vm = new WorklistViewModel();
        WorklistRow a = scored("A", 30, "Acme", 0.1, 0.1, 2);
        WorklistRow b = scored("B", 30, "Zeta", 0.1, 0.1, 0);
        WorklistRow c = scored("C", 30, "Acme", 0.9, 0.1, 1);
        vm.setRows(List.of(a, b, c));
        vm.flaggedOnlyProperty().set(true);
        vm.filterProperty().set("Acme");
        vm.attributeProperty().set(SubgroupAttribute.MANUFACTURER);
        vm.attributeValueProperty().set("Acme");
        vm.scoreLabelProperty().set("nodule");
        vm.scoreMinProperty().set(0.5);
        assertThat(visible(vm)).containsExactly("C");

        vm.restrictTo("nodule · manufacturer=Zeta · false negatives", List.of(a.sopInstanceUid(), b.sopInstanceUid()));
        assertThat(vm.restrictionProperty().get()).isEqualTo("nodule · manufacturer=Zeta · false negatives");
        assertThat(visible(vm)).containsExactly("A", "B");
        assertThat(vm.summaryProperty().get()).isEqualTo("2 of 3 cases");
        assertThat(vm.flaggedOnlyProperty().get()).isFalse();
        assertThat(vm.filterProperty().get()).isEmpty();
        assertThat(vm.attributeProperty().get()).isNull();
        assertThat(vm.scoreLabelProperty().get()).isNull();
        assertThat(vm.scoreMinProperty().get()).isZero();

        // Filters set afterwards narrow the restricted list; clearing the restriction keeps them.
        vm.flaggedOnlyProperty().set(true);
        assertThat(visible(vm)).containsExactly("A");
        vm.clearRestriction();
        assertThat(vm.restrictionProperty().get()).isNull();
        assertThat(visible(vm)).containsExactly("A", "C");
    }

    @Test
    void sameCaseFindsTheReloadedRecordBySopUidAndEachReloadBumpsTheVersion() {
        WorklistViewModel vm = new WorklistViewModel();
        WorklistRow a = scored("A", 30, "Acme", 0.1, 0.1, 0);
        WorklistRow b = scored("B", 30, "Zeta", 0.2, 0.1, 0);
        vm.setRows(List.of(a, b));
        int before = vm.rowsVersionProperty().get();

        WorklistRow flaggedB = b.withScores(Map.of("nodule", 0.7), 1);
        vm.setRows(List.of(a, flaggedB));
        assertThat(vm.rowsVersionProperty().get()).isEqualTo(before + 1);
        assertThat(flaggedB).isNotEqualTo(b);
        assertThat(vm.sameCase(b)).isSameAs(flaggedB);
        assertThat(vm.sameCase(null)).isNull();
        vm.setRows(List.of(a));
        assertThat(vm.sameCase(b)).isNull();
    }
}
