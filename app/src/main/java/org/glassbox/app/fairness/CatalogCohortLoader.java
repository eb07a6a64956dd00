package org.glassbox.app.fairness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.CataloguedInstance;
import org.glassbox.core.catalog.Prediction;
import org.glassbox.core.catalog.TruthRecord;
import org.glassbox.core.ingest.RecordExtractor;
import org.glassbox.core.model.Instance;
import org.glassbox.core.model.Sex;
import org.glassbox.core.model.Study;
import org.glassbox.core.model.SubgroupAttributes;
import org.glassbox.core.workspace.Workspace;

/**
 * A cohort from a workspace: one case per catalogued instance (id = SOP Instance UID) that has
 * cached scores from the model (catalog tables of migration V004, by model sha256), truth from the
 * catalog's truth tables (imported with {@code glassbox import --truth}), and attributes from the
 * instance's header: {@code sex} (F, M, O; unknown → null), {@code age_band} (by {@link AgeBands}),
 * {@code site} (the keyed site hash, shortened to 12 hex digits; never a name),
 * {@code manufacturer}, {@code model}, {@code modality}, {@code body_part}, {@code view}; then the
 * catalog truth file's other attributes under names not taken already.
 *
 * <p>An optional {@code --truth CSV} ({@link TruthTable}) joins on SOP Instance UID, or on
 * {@code patient_id}: the CSV's value is matched against the catalog's patient key directly and, failing
 * that, after keying it with the workspace secret exactly as the import keys PatientID (so the
 * generator's own patient IDs work). Its truth replaces the catalog's; its attributes are added.
 */
public final class CatalogCohortLoader {
    /** Attributes taken from the instance header, in report order. */
    public static final List<String> HEADER_ATTRIBUTES = List.of("sex", "age_band", "site", "manufacturer", "model", "modality", "body_part", "view");
    /** Digits of the site hash kept as the subgroup name (48 bits: distinct for any real number of sites). */
    static final int SITE_DIGITS = 12;

    private final Workspace workspace;

    public CatalogCohortLoader(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * @param modelSha256 the model package identity whose scores to read
     * @param modelName   how the user named the model (for messages)
     * @param truth       a truth CSV, or null
     * @param labels      labels to audit (empty: every label of the model)
     * @param ageBands    edges for {@code age_band}
     */
    public LoadedCohort load(String modelSha256, String modelName, Path truth, List<String> labels, AgeBands ageBands)
            throws IOException, CohortInputException {
        CaseRows rows = new CaseRows();
        int withoutScores = 0;
        Map<String, String> patientOf = new HashMap<>();
        try (Catalog catalog = Catalog.open(workspace.catalogFile())) {
            List<CataloguedInstance> instances = catalog.instances().all();
            if (instances.isEmpty()) {
                throw new CohortInputException("workspace " + workspace.root() + " has no images; import some first (glassbox import PATH --truth CSV)");
            }
            Map<String, Prediction> predictions = catalog.predictions().find(modelSha256, instances.stream().map(CataloguedInstance::sopInstanceUid).toList());
            if (predictions.isEmpty()) {
                throw new CohortInputException("model " + modelName + " (sha256 " + modelSha256 + ") has no scores in workspace " + workspace.root()
                        + "; run: ./glassbox infer --model " + modelName + " workspace --workspace " + workspace.root());
            }
            Map<String, TruthRecord> truthByUid = new HashMap<>();
            catalog.truth().all().forEach(t -> truthByUid.put(t.sopInstanceUid(), t));
            Map<String, String> pseudonymOfStudy = new HashMap<>();
            for (Study s : catalog.studies().all()) {
                pseudonymOfStudy.put(s.studyInstanceUid(), s.patientPseudonym());
            }
            for (CataloguedInstance ci : instances) {
                Prediction p = predictions.get(ci.sopInstanceUid());
                if (p == null) {
                    withoutScores++;
                    continue;
                }
                CaseRows.Row r = rows.add(ci.sopInstanceUid(), workspace.catalogFile().toString());
                for (int k = 0; k < p.labels().size(); k++) {
                    rows.label(p.labels().get(k));
                    // Scores are stored as float32 through a sigmoid/softmax; clamp rounding just outside [0, 1].
                    r.scores().put(p.labels().get(k), Math.min(1.0, Math.max(0.0, (double) p.scores()[k])));
                }
                TruthRecord t = truthByUid.get(ci.sopInstanceUid());
                if (t != null) {
                    t.labels().forEach((label, value) -> {
                        if (value != null) {
                            r.truth().put(label, value ? (byte) 1 : (byte) 0);
                        }
                    });
                }
                headerAttributes(ci.instance(), ageBands, r.attributes());
                if (t != null) {
                    t.attributes().forEach((name, value) -> {
                        if (!HEADER_ATTRIBUTES.contains(name)) {
                            r.attributes().putIfAbsent(name, value);
                        }
                    });
                }
                patientOf.put(ci.sopInstanceUid(), pseudonymOfStudy.get(ci.instance().studyInstanceUid()));
            }
        }
        alignTruthLabels(rows);
        String source = "workspace " + workspace.root() + ", scores of model " + modelName;
        if (truth != null) {
            source += ", truth joined from " + truth;
            join(rows, TruthTable.read(truth, rows.labels()), patientOf);
        }
        rows.exclude("catalogued images without scores from this model", withoutScores);
        return rows.build(labels, source, List.of(modelSha256),
                "import truth with: ./glassbox import PATH --truth CSV, or give --truth CSV with a '<label>' or 'truth_<label>' column");
    }

    /** The header attributes of one instance into {@code out} (unknown values as null). */
    static void headerAttributes(Instance in, AgeBands ageBands, Map<String, String> out) {
        SubgroupAttributes a = in.attributes();
        out.put("sex", a.sex() == Sex.UNKNOWN ? null : a.sex().dicomCode());
        out.put("age_band", ageBands.band(a.ageYears()));
        String site = a.siteKey();
        out.put("site", site == null ? null : site.substring(0, Math.min(SITE_DIGITS, site.length())));
        out.put("manufacturer", a.manufacturer());
        out.put("model", a.manufacturerModel());
        out.put("modality", a.modality());
        out.put("body_part", a.bodyPart());
        out.put("view", a.viewPosition());
    }

    /** Catalog truth labels spelled differently from the model's (case) are filed under the model's spelling. */
    private static void alignTruthLabels(CaseRows rows) {
        List<String> labels = rows.labels();
        for (CaseRows.Row r : rows.rows()) {
            for (String found : Set.copyOf(r.truth().keySet())) {
                if (labels.contains(found)) {
                    continue;
                }
                labels.stream().filter(l -> l.equalsIgnoreCase(found)).findFirst()
                        .ifPresent(l -> r.truth().putIfAbsent(l, r.truth().get(found)));
            }
        }
    }

    private void join(CaseRows rows, TruthTable table, Map<String, String> patientOf) throws IOException {
        boolean byPatient = table.key().equals("patient_id");
        Map<String, TruthTable.Entry> byKey = new HashMap<>(table.entries());
        if (byPatient) {
            RecordExtractor keys = new RecordExtractor(workspace.keyedHash());
            for (Map.Entry<String, TruthTable.Entry> e : table.entries().entrySet()) {
                byKey.putIfAbsent(keys.patientKey(null, e.getKey(), null), e.getValue());
            }
        }
        int unmatched = 0;
        Set<TruthTable.Entry> used = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (CaseRows.Row r : rows.rows()) {
            String key = byPatient ? patientOf.get(r.id()) : r.id();
            TruthTable.Entry e = key == null ? null : byKey.get(key);
            if (e == null) {
                unmatched++;
                continue;
            }
            used.add(e);
            r.truth().putAll(e.truth());
            e.attributes().forEach((name, value) -> {
                String mine = r.attributes().get(name);
                if (mine == null || mine.isBlank()) {
                    r.attributes().put(name, value);
                }
            });
        }
        rows.exclude("scored images with no row in " + table.file().getFileName() + " (kept; truth from the catalog if any)", unmatched);
        rows.exclude("rows of " + table.file().getFileName() + " matching no scored image (ignored)", table.entries().size() - used.size());
    }
}
