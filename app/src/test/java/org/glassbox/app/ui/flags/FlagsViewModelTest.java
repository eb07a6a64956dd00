package org.glassbox.app.ui.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.glassbox.app.workflow.FlagListRow;
import org.glassbox.app.workflow.WorklistRow;
import org.glassbox.core.catalog.BiasFlag;
import org.glassbox.core.catalog.BiasFlag.Category;
import org.glassbox.core.catalog.BiasFlag.Severity;
import org.glassbox.core.catalog.RegisteredModel;
import org.junit.jupiter.api.Test;

class FlagsViewModelTest {
    private static long ids;

    private static FlagListRow row(String reviewer, String sop, Category c, Severity s, String model, String note) {
        BiasFlag f = new BiasFlag(++ids, sop, null, null, c, s, null, note, reviewer, Instant.ofEpochSecond(1_700_000_000L + ids));
        return new FlagListRow(f, "P-" + sop, model);
    }

    /** The three-reviewer set of ReviewerAgreementTest (model v1) plus one v2 flag by R1. */
    private static List<FlagListRow> rows() {
        return List.of(
                row("R1", "c1", Category.SHORTCUT, Severity.HIGH, "demo-v1 1", ""),
                row("R1", "c2", Category.SHORTCUT, Severity.LOW, "demo-v1 1", "marker top left"),
                row("R1", "c3", Category.CALIBRATION, Severity.LOW, "demo-v1 1", ""),
                row("R2", "c1", Category.SHORTCUT, Severity.MEDIUM, "demo-v1 1", ""),
                row("R2", "c2", Category.OTHER, Severity.MEDIUM, "demo-v1 1", ""),
                row("R2", "c4", Category.SHORTCUT, Severity.HIGH, "demo-v1 1", "Marker again"),
                row("R3", "c1", Category.SHORTCUT, Severity.HIGH, "demo-v1 1", ""),
                row("R2", "c9", Category.UNDER_DIAGNOSIS, Severity.HIGH, "demo-v2 1", ""));
    }

    @Test
    void aReloadOvertakenByALaterOneIsDropped() {
        // Raise (reload 1 starts, reads 8 flags) then withdraw (reload 2 starts, reads 7); on the read pool reload 1 ends last.
        FlagsViewModel vm = new FlagsViewModel();
        List<FlagListRow> beforeWithdraw = rows();
        List<FlagListRow> afterWithdraw = beforeWithdraw.subList(0, 7);
        long first = vm.beginLoad();
        long second = vm.beginLoad();
        assertThat(vm.setRows(second, afterWithdraw)).isTrue();
        assertThat(vm.setRows(first, beforeWithdraw)).isFalse();
        assertThat(vm.visibleRows()).containsExactlyElementsOf(afterWithdraw);
        assertThat(vm.summaryProperty().get()).isEqualTo("7 flags");
        assertThat(vm.models()).containsExactly("demo-v1 1");
    }

    @Test
    void filtersCombineAndChoicesFollowTheRows() {
        FlagsViewModel vm = new FlagsViewModel();
        vm.setRows(rows());
        assertThat(vm.summaryProperty().get()).isEqualTo("8 flags");
        assertThat(vm.reviewers()).containsExactly("R1", "R2", "R3");
        assertThat(vm.models()).containsExactly("demo-v1 1", "demo-v2 1");

        vm.categoryFilter().set(Category.SHORTCUT);
        assertThat(vm.visibleRows()).hasSize(5);
        vm.severityFilter().set(Severity.HIGH);
        assertThat(vm.visibleRows()).extracting(r -> r.flag().sopInstanceUid()).containsExactly("c1", "c4", "c1");
        vm.reviewerFilter().set("R2");
        assertThat(vm.visibleRows()).extracting(r -> r.flag().sopInstanceUid()).containsExactly("c4");
        assertThat(vm.summaryProperty().get()).isEqualTo("1 of 8 flags");
        vm.categoryFilter().set(null);
        vm.severityFilter().set(null);
        vm.reviewerFilter().set(null);
        vm.textFilter().set("marker");
        assertThat(vm.visibleRows()).extracting(r -> r.flag().sopInstanceUid()).containsExactly("c2", "c4");
        vm.textFilter().set("p-c9");
        assertThat(vm.visibleRows()).hasSize(1);
        vm.textFilter().set("");
        vm.modelFilter().set("demo-v2 1");
        assertThat(vm.visibleRows()).hasSize(1);
        vm.modelFilter().set("");
        assertThat(vm.visibleRows()).hasSize(8);
    }

    @Test
    void agreementFollowsTheVisibleFlags() {
        FlagsViewModel vm = new FlagsViewModel();
        vm.setRows(rows());
        // All flags: c9 (R2 only) adds a case; filtering to model v1 gives ReviewerAgreementTest's set (κ = 2/23).
        assertThat(vm.agreementProperty().get().cases()).isEqualTo(5);
        vm.modelFilter().set("demo-v1 1");
        assertThat(vm.agreementProperty().get().cases()).isEqualTo(4);
        assertThat(vm.agreementProperty().get().fleiss()).isCloseTo(2.0 / 23, within(1e-12));
        assertThat(vm.agreementTextProperty().get()).startsWith("Fleiss' κ (3 reviewers, 4 cases, 2 flagged by ≥ 2): 0.087\n"
                + "Cohen's κ R1 × R2 (4 cases, 2 flagged by both): -0.091");
        vm.reviewerFilter().set("R1");
        assertThat(vm.agreementProperty().get().fleiss()).isNaN();
        assertThat(vm.agreementTextProperty().get()).contains("—", "only one reviewer (R1)");
    }

    @Test
    void aFlagFindsItsCaseAmongTheWorklistRows() {
        WorklistRow c2 = new WorklistRow("c2", "P-c2", LocalDate.of(2020, 1, 1), "DX", "PA", "F", 64, "1a2b3c4d", null, null, List.of());
        FlagListRow flag = rows().get(1);
        assertThat(FlagsViewModel.caseOf(flag, List.of(c2))).contains(c2);
        assertThat(FlagsViewModel.caseOf(rows().get(0), List.of(c2))).isEmpty();
    }

    @Test
    void flagDialogPrefillsTheSubgroupAndRequiresCategoryAndAPseudonym() {
        WorklistRow c = new WorklistRow("2.25.1", "P1", null, "DX", "PA", "F", 64.5, "1a2b3c4d", null, null, List.of());
        RegisteredModel model = new RegisteredModel("demo-v1", "1", "dl4j", "cd".repeat(32), "/x", "{}", Instant.EPOCH);
        FlagDialogModel m = new FlagDialogModel(c, model, List.of("nodule", "effusion"), "");
        assertThat(m.subgroupProperty().get()).isEqualTo("sex=F*age_band=60-79*site=1a2b3c4d");
        assertThat(m.labelChoices()).containsExactly(FlagDialogModel.WHOLE_CASE, "nodule", "effusion");
        assertThat(m.problemProperty().get()).isEqualTo("choose a category");
        m.categoryProperty().set(Category.UNDER_DIAGNOSIS);
        assertThat(m.problemProperty().get()).contains("pseudonym is required");
        m.reviewerProperty().set("Jane Doe");
        assertThat(m.problemProperty().get()).contains("not a name");
        m.reviewerProperty().set("R-07");
        assertThat(m.problemProperty().get()).isNull();
        m.subgroupProperty().set("patient=Jane Doe");
        assertThat(m.problemProperty().get()).contains("subgroup attribute is one of").doesNotContain("Jane");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.toFlag(Instant.EPOCH)).isInstanceOf(IllegalStateException.class);
        m.subgroupProperty().set("sex=F*age_band=60-79*site=1a2b3c4d");
        assertThat(m.problemProperty().get()).isNull();
        m.labelProperty().set("effusion");
        m.noteProperty().set("  missed in women  ");
        BiasFlag f = m.toFlag(Instant.EPOCH);
        assertThat(f.modelSha256()).isEqualTo(model.sha256());
        assertThat(f.label()).isEqualTo("effusion");
        assertThat(f.note()).isEqualTo("missed in women");
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.subgroup()).isEqualTo("sex=F*age_band=60-79*site=1a2b3c4d");
        m.labelProperty().set(FlagDialogModel.WHOLE_CASE);
        assertThat(m.toFlag(Instant.EPOCH).label()).isNull();
    }
}
