package org.glassbox.core.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.glassbox.core.dicom.DicomTags;
import org.junit.jupiter.api.Test;

class DeidDecisionTest {
    private static final DeidCheck CLEAN = new DeidCheck(List.of());
    private static final DeidCheck NAME = new DeidCheck(List.of(new DeidFinding(DicomTags.PatientName, "PatientName", "present")));
    private static final DeidCheck BURNED = new DeidCheck(List.of(new DeidFinding(DicomTags.BurnedInAnnotation, "BurnedInAnnotation", "is YES")));

    @Test
    void policies() {
        for (DeidPolicy p : DeidPolicy.values()) {
            assertThat(DeidDecision.decide(p, CLEAN).outcome()).isEqualTo(DeidOutcome.ACCEPTED);
        }
        assertThat(DeidDecision.decide(DeidPolicy.REJECT, NAME).outcome()).isEqualTo(DeidOutcome.REJECTED);
        assertThat(DeidDecision.decide(DeidPolicy.REJECT, NAME).reason()).contains("PatientName");
        assertThat(DeidDecision.decide(DeidPolicy.QUARANTINE, NAME).outcome()).isEqualTo(DeidOutcome.QUARANTINED);
        assertThat(DeidDecision.decide(DeidPolicy.DEIDENTIFY, NAME).outcome()).isEqualTo(DeidOutcome.DEIDENTIFIED);
    }

    @Test
    void burnedInIsRefusedUnlessQuarantined() {
        assertThat(DeidDecision.decide(DeidPolicy.DEIDENTIFY, BURNED).outcome()).isEqualTo(DeidOutcome.REJECTED);
        assertThat(DeidDecision.decide(DeidPolicy.DEIDENTIFY, BURNED).reason()).contains("BurnedInAnnotation");
        assertThat(DeidDecision.decide(DeidPolicy.REJECT, BURNED).outcome()).isEqualTo(DeidOutcome.REJECTED);
        assertThat(DeidDecision.decide(DeidPolicy.QUARANTINE, BURNED).outcome()).isEqualTo(DeidOutcome.QUARANTINED);
    }

    @Test
    void reportCountsOutcomesAndReasons() {
        DeidReport r = new DeidReport();
        r.add(Path.of("a"), DeidOutcome.REJECTED, NAME);
        r.add(Path.of("b"), DeidOutcome.REJECTED, NAME);
        r.add(Path.of("c"), DeidOutcome.ACCEPTED, CLEAN);
        r.add(Path.of("d"), DeidOutcome.FAILED, null);
        assertThat(r.total()).isEqualTo(4);
        assertThat(r.count(DeidOutcome.REJECTED)).isEqualTo(2);
        assertThat(r.count(DeidOutcome.DEIDENTIFIED)).isZero();
        assertThat(r.outcomeCounts()).containsEntry(DeidOutcome.ACCEPTED, 1).containsEntry(DeidOutcome.QUARANTINED, 0);
        assertThat(r.reasonCounts()).containsExactly(org.assertj.core.api.Assertions.entry("PatientName present", 2));
        assertThat(r.entries()).extracting(DeidReport.Entry::summary).containsExactly("PatientName present", "PatientName present", null, null);
    }
}
