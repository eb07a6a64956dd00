package org.glassbox.core.ingest;

import org.glassbox.core.model.Instance;
import org.glassbox.core.model.Series;
import org.glassbox.core.model.Study;

/** The domain records one DICOM file yields. */
public record InstanceRecords(Study study, Series series, Instance instance) {
}
