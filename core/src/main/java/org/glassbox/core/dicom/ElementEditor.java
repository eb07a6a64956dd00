package org.glassbox.core.dicom;

import java.util.List;

/**
 * Decides, element by element, how a data set is rewritten. Called for every element of the data
 * set and, recursively, of every sequence item; {@code sequencePath} lists the tags of the enclosing
 * sequences (empty at top level). Never called for Pixel Data or the file meta information.
 */
@FunctionalInterface
public interface ElementEditor {
    ElementEdit edit(List<Integer> sequencePath, DicomElement element);
}
