package org.glassbox.app.workflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.CataloguedInstance;
import org.glassbox.core.catalog.Prediction;
import org.glassbox.core.catalog.TruthRecord;
import org.glassbox.core.model.Instance;
import org.glassbox.core.model.Study;
import org.glassbox.core.model.SubgroupAttributes;

/** Reads the worklist (one row per catalogued instance) from a catalog. */
public final class WorklistQuery {
    private WorklistQuery() {
    }

    /** Rows without scores (no model chosen), with flag counts. */
    public static List<WorklistRow> load(Catalog catalog) {
        return load(catalog, null);
    }

    /**
     * Rows ordered by patient pseudonym, then study date, then SOP Instance UID, with the stored
     * scores of model {@code modelSha256} (null: no scores; an output computed from other file
     * content than the catalogued one is not shown) and each instance's bias-flag count.
     */
    public static List<WorklistRow> load(Catalog catalog, String modelSha256) {
        Map<String, Study> studies = catalog.studies().all().stream()
                .collect(Collectors.toMap(Study::studyInstanceUid, Function.identity()));
        Map<String, TruthRecord> truth = catalog.truth().all().stream()
                .collect(Collectors.toMap(TruthRecord::sopInstanceUid, Function.identity(), (a, b) -> b));
        List<CataloguedInstance> instances = catalog.instances().all();
        Map<String, Prediction> predictions = modelSha256 == null ? Map.of()
                : catalog.predictions().find(modelSha256, instances.stream().map(CataloguedInstance::sopInstanceUid).toList());
        Map<String, Integer> flags = catalog.flags().countsByInstance();
        List<WorklistRow> rows = new ArrayList<>();
        for (CataloguedInstance entry : instances) {
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
                    findings,
                    scores(predictions.get(i.sopInstanceUid()), entry.contentSha256()),
                    flags.getOrDefault(i.sopInstanceUid(), 0)));
        }
        rows.sort(Comparator.comparing(WorklistRow::patientPseudonym)
                .thenComparing(WorklistRow::studyDate, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(WorklistRow::sopInstanceUid));
        return rows;
    }

    private static Map<String, Double> scores(Prediction p, String contentSha256) {
        if (p == null || !p.contentSha256().equals(contentSha256)) {
            return Map.of();
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int k = 0; k < p.labels().size(); k++) {
            out.put(p.labels().get(k), (double) p.scores()[k]);
        }
        return out;
    }
}
