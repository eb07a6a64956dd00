package org.glassbox.app.fairness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glassbox.explain.fairness.AuditCohort;
import org.glassbox.explain.fairness.Grouping;

/** Checks and subsets of an {@link AuditCohort} the commands need before the statistics run. */
public final class Cohorts {
    private Cohorts() {
    }

    /**
     * Refuses a grouping whose attribute the cohort lacks or knows for no case (every subgroup would
     * be empty), naming the attribute and the ones that exist.
     */
    public static void checkGroupings(LoadedCohort loaded, List<Grouping> groupings) throws CohortInputException {
        AuditCohort c = loaded.cohort();
        for (Grouping g : groupings) {
            for (String a : g.attributes()) {
                if (!c.attributeNames().contains(a)) {
                    throw new CohortInputException("unknown attribute '" + a + "' in --by " + g.name() + "; " + loaded.source()
                            + " has: " + String.join(", ", c.attributeNames()));
                }
                boolean any = false;
                for (String v : c.attribute(a)) {
                    any |= v != null;
                }
                if (!any) {
                    throw new CohortInputException("attribute '" + a + "' is unknown for every one of the " + c.size() + " cases of "
                            + loaded.source() + ": no subgroup to audit");
                }
            }
        }
    }

    /** The cases whose ids are in {@code ids}, in the cohort's order, with every column. */
    /**
     * {@code target} with each unknown truth taken from {@code source}'s case of the same id (the
     * comparison's rule: truth from model A's file where model B's does not know it). Labels the
     * source lacks are left as they are.
     */
    public static AuditCohort withTruthFrom(AuditCohort target, AuditCohort source) {
        Map<String, Integer> sourceIndex = new java.util.HashMap<>();
        for (int i = 0; i < source.size(); i++) {
            sourceIndex.put(source.caseId(i), i);
        }
        String[] caseIds = target.caseIds().toArray(String[]::new);
        Map<String, double[]> scores = new LinkedHashMap<>();
        Map<String, byte[]> truth = new LinkedHashMap<>();
        for (String l : target.labels()) {
            byte[] t = target.truth(l);
            if (source.labels().contains(l)) {
                byte[] from = source.truth(l);
                for (int i = 0; i < t.length; i++) {
                    Integer j = sourceIndex.get(caseIds[i]);
                    if (t[i] == AuditCohort.TRUTH_UNKNOWN && j != null) {
                        t[i] = from[j];
                    }
                }
            }
            scores.put(l, target.scores(l));
            truth.put(l, t);
        }
        Map<String, String[]> attributes = new LinkedHashMap<>();
        for (String name : target.attributeNames()) {
            attributes.put(name, target.attribute(name));
        }
        return AuditCohort.of(caseIds, scores, truth, attributes);
    }

    public static AuditCohort subset(AuditCohort c, Set<String> ids) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            if (ids.contains(c.caseId(i))) {
                keep.add(i);
            }
        }
        String[] caseIds = new String[keep.size()];
        for (int k = 0; k < keep.size(); k++) {
            caseIds[k] = c.caseId(keep.get(k));
        }
        Map<String, double[]> scores = new LinkedHashMap<>();
        Map<String, byte[]> truth = new LinkedHashMap<>();
        for (String l : c.labels()) {
            double[] s = c.scores(l);
            byte[] t = c.truth(l);
            double[] s2 = new double[keep.size()];
            byte[] t2 = new byte[keep.size()];
            for (int k = 0; k < keep.size(); k++) {
                s2[k] = s[keep.get(k)];
                t2[k] = t[keep.get(k)];
            }
            scores.put(l, s2);
            truth.put(l, t2);
        }
        Map<String, String[]> attributes = new LinkedHashMap<>();
        for (String a : c.attributeNames()) {
            String[] v = c.attribute(a);
            String[] v2 = new String[keep.size()];
            for (int k = 0; k < keep.size(); k++) {
                v2[k] = v[keep.get(k)];
            }
            attributes.put(a, v2);
        }
        return AuditCohort.of(caseIds, scores, truth, attributes);
    }
}
