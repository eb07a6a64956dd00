package org.glassbox.app.workflow;

import org.glassbox.core.deid.DeidGate;
import org.glassbox.core.deid.ProfileDeidGate;
import org.glassbox.core.deid.Pseudonymizer;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.dicom.DicomReader;
import org.glassbox.core.ingest.ImportOptions;
import org.glassbox.core.ingest.ImportPipeline;
import org.glassbox.core.workspace.Workspace;

/**
 * COMPOSITION POINT of the import: the real PixelMed-backed reader and the real PS3.15 gate
 * (pseudonyms under the workspace's key). Every command and the workstation build their import
 * pipeline here.
 */
public final class ImportComposition {
    private ImportComposition() {
    }

    public static ImportPipeline pipeline(Workspace workspace, ImportOptions options) {
        DicomReader reader = Dicom.reader();
        DeidGate gate = new ProfileDeidGate(Dicom.rewriter(), new Pseudonymizer(workspace.keyedHash()));
        return new ImportPipeline(reader, gate, workspace, options);
    }
}
