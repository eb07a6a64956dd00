package org.glassbox.app.ui.worklist;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import org.glassbox.app.ui.WorkstationContext;
import org.glassbox.app.workflow.WorklistRow;

/**
 * The worklist: every case of the workspace, sortable by any column, filtered by free text; the
 * selected row becomes the context's current case.
 */
public final class WorklistView extends BorderPane {
    private final TableView<WorklistRow> table = new TableView<>();

    public WorklistView(WorkstationContext context) {
        WorklistViewModel worklist = context.worklist();
        setId("worklist-view");
        TextField filter = new TextField();
        filter.setId("worklist-filter");
        filter.setPromptText("Filter: pseudonym, sex, site, manufacturer, finding…");
        filter.textProperty().bindBidirectional(worklist.filterProperty());

        table.setId("worklist");
        table.setPlaceholder(new Label("No cases in this workspace yet."));
        table.getColumns().add(column("Patient", WorklistRow::patientPseudonym));
        table.getColumns().add(column("Study date", WorklistRow::studyDate));
        table.getColumns().add(column("Modality", WorklistRow::modality));
        table.getColumns().add(column("View", WorklistRow::viewPosition));
        table.getColumns().add(column("Sex", WorklistRow::sex));
        table.getColumns().add(column("Age", r -> Double.isNaN(r.ageYears()) ? null : (int) Math.floor(r.ageYears())));
        table.getColumns().add(column("Site", WorklistRow::site));
        table.getColumns().add(column("Manufacturer", WorklistRow::manufacturer));
        table.getColumns().add(column("Model", WorklistRow::model));
        table.getColumns().add(column("Findings (truth)", r -> String.join(", ", r.findings())));
        SortedList<WorklistRow> sorted = new SortedList<>(worklist.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                context.currentCase().set(row);
            }
        });

        BorderPane.setMargin(filter, new Insets(6));
        setTop(filter);
        setCenter(table);
    }

    public TableView<WorklistRow> table() {
        return table;
    }

    private static <T> TableColumn<WorklistRow, T> column(String title, Function<WorklistRow, T> value) {
        TableColumn<WorklistRow, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }
}
