package org.glassbox.core.deid;

import java.util.ArrayList;
import java.util.List;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomElement;
import org.glassbox.core.dicom.ElementEdit;
import org.glassbox.core.dicom.ElementEditor;

/** Applies an ElementEditor to an in-memory data set the way DicomRewriter does to a file. */
final class EditorApplier {
    private EditorApplier() {
    }

    static DicomDataset apply(DicomDataset ds, ElementEditor editor, DicomDataset additions) {
        DicomDataset edited = walk(ds, editor, List.of());
        DicomDataset.Builder b = edited.toBuilder();
        for (DicomElement e : additions.elements()) {
            b.put(e);
        }
        return b.build();
    }

    private static DicomDataset walk(DicomDataset ds, ElementEditor editor, List<Integer> path) {
        DicomDataset.Builder b = DicomDataset.builder();
        for (DicomElement e : ds.elements()) {
            ElementEdit edit = editor.edit(path, e);
            if (edit instanceof ElementEdit.Remove) {
                continue;
            }
            if (edit instanceof ElementEdit.Empty) {
                b.put(new DicomElement(e.tag(), e.vr(), List.of(), List.of(), 0));
            } else if (edit instanceof ElementEdit.Replace r) {
                b.put(DicomElement.of(e.tag(), e.vr(), r.values().toArray(String[]::new)));
            } else if (e.isSequence()) {
                List<Integer> inner = new ArrayList<>(path);
                inner.add(e.tag());
                List<DicomDataset> items = new ArrayList<>();
                for (DicomDataset item : e.items()) {
                    items.add(walk(item, editor, List.copyOf(inner)));
                }
                b.put(DicomElement.sequence(e.tag(), items));
            } else {
                b.put(e);
            }
        }
        return b.build();
    }
}
