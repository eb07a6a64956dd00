package org.glassbox.app.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.glassbox.explain.fairness.AuditCohort;
import org.glassbox.explain.fairness.Grouping;
import org.glassbox.explain.fairness.SubgroupResult;

/**
 * The case ids (SOP Instance UIDs for a catalog cohort) behind each subgroup of an audit: the
 * inverse of the auditor's grouping, so a click on a table cell can show those cases. Subgroup names
 * are built exactly as {@link org.glassbox.explain.fairness.FairnessAuditor} builds them (attribute
 * values joined by {@link Grouping#CROSS}; a case with an unknown value in any attribute belongs to
 * no subgroup of that grouping). Immutable; thread-safe.
 */
public final class SubgroupCases {
    private final AuditCohort cohort;

    public SubgroupCases(AuditCohort cohort) {
        this.cohort = Objects.requireNonNull(cohort, "cohort");
    }

    /**
     * The ids of the cases of one subgroup in one set, in cohort order.
     *
     * @param label     the audited label; cases with a NaN score or unknown truth for it are left out
     * @param threshold the label's decision threshold (decision positive when score &gt;= threshold)
     * @param grouping  the grouping, or null for the whole cohort ({@link SubgroupResult#OVERALL})
     * @param subgroup  the subgroup name as in the audit (ignored when {@code grouping} is null)
     * @throws IllegalArgumentException for an unknown label or attribute
     */
    public List<String> select(String label, double threshold, Grouping grouping, String subgroup, CaseSet set) {
        double[] scores = cohort.scores(label);
        byte[] truth = cohort.truth(label);
        String[] keys = grouping == null ? null : keys(grouping);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < cohort.size(); i++) {
            if (Double.isNaN(scores[i]) || truth[i] == AuditCohort.TRUTH_UNKNOWN) {
                continue;
            }
            if (keys != null && !subgroup.equals(keys[i])) {
                continue;
            }
            if (set.contains(truth[i] == AuditCohort.TRUTH_POSITIVE, scores[i] >= threshold)) {
                ids.add(cohort.caseId(i));
            }
        }
        return ids;
    }

    private String[] keys(Grouping g) {
        List<String[]> columns = g.attributes().stream().map(cohort::attribute).toList();
        String[] key = new String[cohort.size()];
        for (int i = 0; i < key.length; i++) {
            StringBuilder sb = new StringBuilder();
            for (int a = 0; a < columns.size() && sb != null; a++) {
                String v = columns.get(a)[i];
                sb = v == null ? null : sb.append(a == 0 ? "" : Grouping.CROSS).append(v);
            }
            key[i] = sb == null ? null : sb.toString();
        }
        return key;
    }
}
