package org.glassbox.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruthCsvTest {
    @TempDir
    Path tmp;

    private Path csv(String text) throws IOException {
        return Files.writeString(tmp.resolve("truth.csv"), text);
    }

    @Test
    void readsLabelsAndAttributes() throws Exception {
        TruthCsv.Table t = TruthCsv.read(csv("""
                sop_instance_uid,nodule,effusion,sex,age,site
                1.2.1,1,0,F,42,"Site A, north"
                1.2.2,0,0,M,71,site-b
                """));
        assertThat(t.labelNames()).containsExactly("nodule", "effusion");
        assertThat(t.attributeNames()).containsExactly("sex", "age", "site");
        assertThat(t.records()).hasSize(2);
        TruthRecord first = t.records().get(0);
        assertThat(first.sopInstanceUid()).isEqualTo("1.2.1");
        assertThat(first.labels()).containsExactly(Map.entry("nodule", true), Map.entry("effusion", false));
        assertThat(first.attributes()).containsEntry("site", "Site A, north").containsEntry("age", "42");
    }

    @Test
    void keyColumnNameIsCaseInsensitiveAndBomIsIgnored() throws Exception {
        TruthCsv.Table t = TruthCsv.read(csv("\uFEFFSOP_Instance_UID,nodule\r\n1.2.3,1\r\n"));
        assertThat(t.records()).extracting(TruthRecord::sopInstanceUid).containsExactly("1.2.3");
    }

    @Test
    void malformedFilesAreRefusedWithLineAndReason() throws IOException {
        assertRefused("", "empty file");
        assertRefused("uid,nodule\n1.2,1\n", "no 'sop_instance_uid' column");
        assertRefused("sop_instance_uid,nodule\n1.2,1\n1.3\n", "line 3: expected 2 fields, found 1");
        assertRefused("sop_instance_uid,nodule\n1.2,1\n1.2,0\n", "line 3: sop_instance_uid 1.2 appears twice");
        assertRefused("sop_instance_uid,sex\n1.2,F\n", "no label column");
        assertRefused("sop_instance_uid,nodule,nodule\n1.2,1,0\n", "column 'nodule' appears twice");
        assertRefused("sop_instance_uid,nodule\n\"1.2,1\n", "line 2: unterminated quoted field");
        assertRefused("sop_instance_uid,nodule\n,1\n", "line 2: empty sop_instance_uid");
    }

    private void assertRefused(String text, String message) throws IOException {
        Path file = csv(text);
        assertThatThrownBy(() -> TruthCsv.read(file)).isInstanceOf(TruthCsvException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(message);
    }

    @Test
    void storesAndReadsBackThroughTheRepository() throws Exception {
        TruthCsv.Table t = TruthCsv.read(csv("sop_instance_uid,nodule,site\n1.2.1,1,a\n1.2.2,0,b\n"));
        try (Catalog c = Catalog.open(tmp.resolve("catalog.sqlite"))) {
            c.inTransaction(() -> {
                c.truth().put(t.records());
                return null;
            });
            // Re-loading replaces values rather than failing or duplicating.
            List<TruthRecord> changed = List.of(new TruthRecord("1.2.2", Map.of("nodule", true), Map.of("site", "b")));
            c.inTransaction(() -> {
                c.truth().put(changed);
                return null;
            });
            assertThat(c.truth().all()).hasSize(2);
            assertThat(c.truth().find("1.2.2").orElseThrow().labels()).containsEntry("nodule", true);
            assertThat(c.truth().find("1.2.1").orElseThrow().attributes()).containsEntry("site", "a");
            assertThat(c.truth().labelNames()).containsExactly("nodule");
            assertThat(c.truth().countCatalogued(t.records())).isZero();
        }
    }

    @Test
    void identifierColumnsAreRefusedNamingTheColumn() throws IOException {
        for (String column : List.of("name", "patient_name", "Patient Name", "MRN", "birth_date", "DOB", "address", "phone", "email",
                "accession_number", "other_patient_ids")) {
            assertRefused("sop_instance_uid,nodule," + column + "\n1.2,1,x\n", "column '" + column + "' names a direct identifier");
        }
    }

    @Test
    void labelsArePrefixedOrBinaryButNeverKnownAttributesAndBlankIsUnknown() throws Exception {
        TruthCsv.Table t = TruthCsv.read(csv("""
                sop_instance_uid,truth_rare,nodule,shortcut,split,sex
                1.2.1,,1,1,0,F
                1.2.2,1,,0,1,M
                1.2.3,,0,1,1,F
                """));
        assertThat(t.labelNames()).containsExactly("rare", "nodule");
        assertThat(t.attributeNames()).containsExactly("shortcut", "split", "sex");
        assertThat(t.records().get(0).labels()).containsEntry("rare", null).containsEntry("nodule", true);
        assertThat(t.records().get(1).labels()).containsEntry("rare", true).containsEntry("nodule", null);
        assertThat(t.records().get(0).attributes()).doesNotContainKeys("rare", "nodule", "truth_rare");
        assertRefused("sop_instance_uid,truth_x\n1.2,maybe\n", "line 2: label column 'truth_x' holds 'maybe'");
        try (Catalog c = Catalog.open(tmp.resolve("catalog.sqlite"))) {
            c.inTransaction(() -> {
                c.truth().put(List.of(new TruthRecord("1.2.2", Map.of("nodule", true), Map.of())));
                c.truth().put(t.records());
                return null;
            });
            // Unknown stays unknown: no row, and an earlier value for it is gone.
            assertThat(c.truth().find("1.2.2").orElseThrow().labels()).containsOnlyKeys("rare");
        }
    }

    @Test
    void siteAndPatientIdAreStoredPseudonymized() throws Exception {
        TruthCsv.Table t = TruthCsv.read(csv("sop_instance_uid,nodule,site,patient_id\n1.2.1,1,St Elsewhere Hospital,MRN1\n1.2.2,0,,MRN2\n"));
        TruthCsv.Table safe = t.pseudonymized(v -> "site:" + v.length(), v -> "pat:" + v.length());
        assertThat(safe.records().get(0).attributes()).containsEntry("site", "site:21").containsEntry("patient_id", "pat:4");
        assertThat(safe.records().get(1).attributes()).containsEntry("site", "");
        assertThat(safe.records().get(0).labels()).isEqualTo(t.records().get(0).labels());
    }
}
