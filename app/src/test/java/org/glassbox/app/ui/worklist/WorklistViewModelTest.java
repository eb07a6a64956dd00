package org.glassbox.app.ui.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.glassbox.app.workflow.WorklistRow;
import org.junit.jupiter.api.Test;

class WorklistViewModelTest {
    private static WorklistRow row(String pseudonym, String sex, String site, List<String> findings) {
        return new WorklistRow("2.25." + pseudonym.hashCode(), pseudonym, LocalDate.of(2020, 1, 2), "DX", "PA", sex, 50,
                site, "Acme", "X1", findings);
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
        assertThat(vm.visibleRows()).extracting(WorklistRow::patientPseudonym).containsExactly("GB01", "GB03");
        assertThat(vm.summaryProperty().get()).isEqualTo("2 of 3 cases");

        vm.filterProperty().set("bb22");
        assertThat(vm.visibleRows()).extracting(WorklistRow::patientPseudonym).containsExactly("GB02", "GB03");

        vm.filterProperty().set("");
        assertThat(vm.visibleRows()).hasSize(3);
    }
}
