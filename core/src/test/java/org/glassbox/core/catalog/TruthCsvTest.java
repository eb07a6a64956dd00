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
}
