package org.glassbox.app.workflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.CataloguedInstance;
import org.glassbox.core.catalog.TruthRecord;
import org.glassbox.core.model.Instance;
import org.glassbox.core.model.Study;
import org.glassbox.core.model.SubgroupAttributes;

/** Reads the worklist (one row per catalogued instance) from a catalog. */
public final class WorklistQuery {
    private WorklistQuery() {
    }

    /** Rows ordered by patient pseudonym, then study date, then SOP Instance UID. */
    public static List<WorklistRow> load(Catalog catalog) {
        Map<String, Study> studies = catalog.studies().all().stream()
                .collect(Collectors.toMap(Study::studyInstanceUid, Function.identity()));
        Map<String, TruthRecord> truth = catalog.truth().all().stream()
                .collect(Collectors.toMap(TruthRecord::sopInstanceUid, Function.identity(), (a, b) -> b));
        List<WorklistRow> rows = new ArrayList<>();
        for (CataloguedInstance entry : catalog.instances().all()) {
            Instance i = entry.instance();
            Study study = studies.get(i.studyInstanceUid());
            SubgroupAttributes a = i.attributes();
            TruthRecord t = truth.get(i.sopInstanceUid());
            List<String> findings = t == null ? List.of()
                    : t.labels().entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
            rows.add(new WorklistRow(
                    i.sopInstanceUid(),
                    study == null ? "" : study.patientPseudonym(),
                    study == null ? null : study.studyDate(),
                    a.modality(),
                    a.viewPosition(),
                    a.sex().dicomCode(),
                    a.ageYears(),
                    a.siteKey() == null ? "" : a.siteKey().substring(0, Math.min(8, a.siteKey().length())),
                    a.manufacturer(),
                    a.manufacturerModel(),
                    findings));
        }
        rows.sort(Comparator.comparing(WorklistRow::patientPseudonym)
                .thenComparing(WorklistRow::studyDate, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(WorklistRow::sopInstanceUid));
        return rows;
    }
}
