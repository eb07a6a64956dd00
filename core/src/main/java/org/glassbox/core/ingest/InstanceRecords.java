package org.glassbox.core.ingest;

import org.glassbox.core.model.Instance;
import org.glassbox.core.model.Series;
import org.glassbox.core.model.Study;
import org.glassbox.core.model.SubgroupAttributes;

/** The domain records one DICOM file yields. */
public record InstanceRecords(Study study, Series series, Instance instance) {

    /** The same records with the instance's subgroup attributes replaced. */
    public InstanceRecords withAttributes(SubgroupAttributes attributes) {
        Instance i = instance;
        return new InstanceRecords(study, series, new Instance(i.sopInstanceUid(), i.sopClassUid(), i.seriesInstanceUid(),
                i.studyInstanceUid(), i.transferSyntaxUid(), i.instanceNumber(), i.pixels(), attributes));
    }
}
