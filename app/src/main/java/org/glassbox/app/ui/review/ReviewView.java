package org.glassbox.app.ui.review;

import java.util.List;
import java.util.Map;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import org.glassbox.app.ui.WorkstationContext;
import org.glassbox.app.workflow.CaseExplanations;
import org.glassbox.app.workflow.WorklistRow;
import org.glassbox.core.audit.AuditAction;
import org.glassbox.core.audit.AuditLog;
import org.glassbox.core.audit.AuditObjects;
import org.glassbox.core.workspace.Workspace;
import org.glassbox.explain.SaliencyMap;

/**
 * The review view: the case viewer in the centre and the findings panel on the right. Follows
 * {@code context.currentCase()} (and model A); opening a case records one STUDY_VIEW audit entry.
 * The panel's model input and map go to the viewer ("What the model saw", heatmap layer), its
 * positive findings become the viewer's labels.
 */
public final class ReviewView extends BorderPane {
    private final WorkstationContext context;
    private final CaseViewer viewer;
    private final FindingsViewModel findings;
    private final FindingsPanel panel;

    public ReviewView(WorkstationContext context) {
        this.context = context;
        setId("review-view");
        viewer = new CaseViewer(context);
        findings = new FindingsViewModel(context);
        panel = new FindingsPanel(context, findings, viewer);
        SplitPane split = new SplitPane(viewer, panel);
        split.setDividerPositions(0.68);
        SplitPane.setResizableWithParent(panel, false);
        setCenter(split);

        context.currentCase().addListener((o, a, row) -> {
            // A reload hands over a new record of the same case: no reopen, no second STUDY_VIEW entry.
            if (a != null && row != null && a.sopInstanceUid().equals(row.sopInstanceUid())) {
                return;
            }
            open(row);
        });
        context.modelA().addListener((o, a, m) -> findings.load(context.currentCase().get()));
        findings.modelViewProperty().addListener((o, a, view) -> showModelView(view));
        findings.shownProperty().addListener((o, a, shown) -> {
            if (shown == null) {
                viewer.clearHeatmap();
            } else if (shown.sopInstanceUid().equals(viewer.sopInstanceUid())) {
                SaliencyMap m = shown.explanation().imageMap();
                viewer.setHeatmap(m.values(), m.height(), m.width());
            }
        });
        findings.scores().addListener((javafx.collections.ListChangeListener<FindingsViewModel.LabelScore>) c ->
                viewer.setFindingLabels(findings.positiveFindingLabels()));
        if (context.currentCase().get() != null) {
            open(context.currentCase().get());
        }
    }

    public CaseViewer viewer() {
        return viewer;
    }

    public FindingsViewModel findings() {
        return findings;
    }

    public FindingsPanel panel() {
        return panel;
    }

    private void open(WorklistRow row) {
        viewer.setCase(row);
        findings.load(row);
        if (row != null) {
            String sop = row.sopInstanceUid();
            context.jobs().quick("Audit study view", (progress, cancel) -> AuditLog.record(Workspace.open(context.workspace()),
                    AuditAction.STUDY_VIEW, List.of(AuditObjects.sop(sop)), Map.of("client", "workstation")), entry -> { });
        }
    }

    private void showModelView(CaseExplanations.ModelView view) {
        if (view == null || findings.sessionProperty().get() == null) {
            viewer.clearModelView();
            return;
        }
        int[] s = view.input().shape();
        viewer.setModelView(view.input().data(), s[0], s[1], s[2], findings.sessionProperty().get().preprocessor().spec());
    }
}
