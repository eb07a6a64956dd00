package org.glassbox.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.glassbox.core.catalog.ImportOutcome;
import org.glassbox.core.deid.DeidOutcome;
import org.glassbox.core.deid.DeidReport;
import org.glassbox.core.ingest.ImportReport;

/**
 * The de-identification report after an import: counts (imported, de-identified, refused, errors,
 * duplicates) and a table with the reason per file for every refused or failed file and every file
 * the gate did not simply accept. Non-modal, so the workstation keeps working.
 */
public final class ImportReportDialog {
    /** One line of the table. */
    public record Line(String file, String outcome, String reason) {
    }

    private ImportReportDialog() {
    }

    /** "imported 3, de-identified 0, refused 1, errors 2, duplicates 0" */
    public static String summary(ImportReport r) {
        return String.format(Locale.ROOT, "imported %d, de-identified %d, refused %d, errors %d, duplicates %d",
                r.count(ImportOutcome.IMPORTED), r.count(ImportOutcome.DEIDENTIFIED),
                r.count(ImportOutcome.REJECTED) + r.count(ImportOutcome.QUARANTINED), r.count(ImportOutcome.ERROR), r.count(ImportOutcome.DUPLICATE));
    }

    /** Refused and failed files with their reasons, then the gate's non-accepted files. */
    public static List<Line> lines(ImportReport r) {
        List<Line> out = new ArrayList<>();
        java.util.Set<String> listed = new java.util.HashSet<>();
        for (ImportReport.FileError e : r.errors()) {
            out.add(new Line(e.file(), "refused or failed", e.reason()));
            listed.add(e.file());
        }
        for (DeidReport.Entry e : r.deid().entries()) {
            if (e.outcome() != DeidOutcome.ACCEPTED && !listed.contains(e.file().toString())) {
                out.add(new Line(e.file().toString(), e.outcome().name().toLowerCase(Locale.ROOT), e.summary()));
            }
        }
        return out;
    }

    public static Alert show(Window owner, ImportReport report) {
        Alert alert = new Alert(report.anyRefused() ? Alert.AlertType.WARNING : Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.initModality(Modality.NONE);
        alert.setTitle("Import — de-identification report");
        alert.setHeaderText(summary(report));
        TableView<Line> table = new TableView<>();
        table.setId("import-report");
        table.getColumns().add(column("File", Line::file, 360));
        table.getColumns().add(column("Outcome", Line::outcome, 120));
        table.getColumns().add(column("Reason", Line::reason, 420));
        table.getItems().setAll(lines(report));
        table.setPlaceholder(new Label("Every file was imported as it was."));
        table.setPrefHeight(280);
        Map<String, Integer> reasons = report.deid().reasonCounts();
        Label findings = new Label(reasons.isEmpty() ? "" : "De-identification findings (files): " + reasons);
        findings.setWrapText(true);
        alert.getDialogPane().setContent(new VBox(8, table, findings));
        alert.getDialogPane().setPrefWidth(940);
        alert.setResizable(true);
        alert.show();
        return alert;
    }

    private static TableColumn<Line, String> column(String title, java.util.function.Function<Line, String> f, double width) {
        TableColumn<Line, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
