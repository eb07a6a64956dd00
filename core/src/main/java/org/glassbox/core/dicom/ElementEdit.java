package org.glassbox.core.dicom;

import java.util.List;

/** What a {@link DicomRewriter} does with one element. */
public sealed interface ElementEdit {
    /** Leave the element as it is (sequences are still walked item by item). */
    record Keep() implements ElementEdit {
    }

    /** Remove the element. */
    record Remove() implements ElementEdit {
    }

    /** Keep the element with a zero-length value. */
    record Empty() implements ElementEdit {
    }

    /** Replace the element's values (text and numeric VRs only). */
    record Replace(List<String> values) implements ElementEdit {
        public Replace {
            values = List.copyOf(values);
        }
    }

    ElementEdit KEEP = new Keep();
    ElementEdit REMOVE = new Remove();
    ElementEdit EMPTY = new Empty();

    static ElementEdit replace(String... values) {
        return new Replace(List.of(values));
    }
}
