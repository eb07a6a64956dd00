package org.glassbox.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.glassbox.core.audit.AuditVerification.Copy;
import org.glassbox.core.audit.AuditVerification.Kind;
import org.glassbox.core.audit.AuditVerification.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of tampering the issue names, in each copy: the verifier must say "not intact" and
 * name the first bad entry. The log has 5 entries; tampering starts at entry 3 (or 2 for swaps).
 */
class AuditTamperingTest {
    @TempDir
    Path dir;

    private AuditFixture fixture() throws Exception {
        AuditFixture f = new AuditFixture(dir, 5);
        assertThat(f.verify().intact()).as("untouched log").isTrue();
        return f;
    }

    private static Problem firstBad(AuditVerification v) {
        assertThat(v.intact()).as("tampering detected").isFalse();
        return v.firstProblem();
    }

    // ---- the catalog copy ----

    @Test
    void editedFieldInCatalog() throws Exception {
        AuditFixture f = fixture();
        f.sql("UPDATE audit_log SET user = 'someone-else' WHERE seq = 3");
        Problem p = firstBad(f.verify());
        assertThat(p.seq()).isEqualTo(3);
        assertThat(p.copy()).isEqualTo(Copy.CATALOG);
        assertThat(p.kind()).isEqualTo(Kind.EDITED);
        assertThat(p.message()).contains("entry 3").contains("does not match its hash");
    }

    @Test
    void editedParametersInCatalog() throws Exception {
        AuditFixture f = fixture();
        f.sql("UPDATE audit_log SET parameters = replace(parameters, '\"batch\":3', '\"batch\":4') WHERE seq = 3");
        Problem p = firstBad(f.verify());
        assertThat(p.seq()).isEqualTo(3);
        assertThat(p.kind()).isEqualTo(Kind.EDITED);
    }

    @Test
    void deletedRowInCatalog() throws Exception {
        AuditFixture f = fixture();
        f.sql("DELETE FROM audit_log WHERE seq = 3");
        Problem p = firstBad(f.verify());
        assertThat(p.seq()).isEqualTo(3);
        assertThat(p.copy()).isEqualTo(Copy.CATALOG);
        assertThat(p.kind()).isEqualTo(Kind.DELETED);
        assertThat(p.message()).contains("entry 3 is missing");
    }

    @Test
    void forgedRowInsertedInCatalogWithRecomputedHash() throws Exception {
        AuditFixture f = fixture();
        AuditEntry forged = AuditFixture.forged(3, "forger", f.entries.get(1).hash());
        assertThat(forged.selfConsistent()).isTrue();
        // Make room at seq 3 (shift later rows up, highest first), then insert the forged entry.
        f.sql("UPDATE audit_log SET seq = seq + 100 WHERE seq >= 3", "UPDATE audit_log SET seq = seq - 99 WHERE seq >= 103",
                AuditFixture.insertSql(forged));
        AuditVerification v = f.verify();
        Problem p = firstBad(v);
        assertThat(p.seq()).isEqualTo(3);
        // The catalog chain itself breaks at 4 (the old entry 3 no longer fits); entry 3 differs from the mirror's.
        assertThat(v.problems()).extracting(Problem::kind).contains(Kind.COPIES_DIFFER);
        assertThat(v.problems()).anySatisfy(q -> assertThat(q.seq()).isEqualTo(4));
    }

    @Test
    void swappedRowsInCatalog() throws Exception {
        AuditFixture f = fixture();
        String cols = "time, user, action, objects, parameters, prev_hash, entry_hash";
        f.sql("CREATE TEMP TABLE t AS SELECT seq, " + cols + " FROM audit_log WHERE seq IN (2, 3)",
                "UPDATE audit_log SET entry_hash = 'moving' WHERE seq = 2",
                "UPDATE audit_log SET (" + cols + ") = (SELECT " + cols + " FROM t WHERE t.seq = 2) WHERE seq = 3",
                "UPDATE audit_log SET (" + cols + ") = (SELECT " + cols + " FROM t WHERE t.seq = 3) WHERE seq = 2");
        Problem p = firstBad(f.verify());
        assertThat(p.seq()).isEqualTo(2);
        assertThat(p.copy()).isEqualTo(Copy.CATALOG);
    }

    @Test
    void swappedSequenceNumbersInCatalogAreSeenAsOutOfPlace() throws Exception {
        AuditFixture f = fixture();
        f.sql("UPDATE audit_log SET seq = 100 WHERE seq = 2", "UPDATE audit_log SET seq = 2 WHERE seq = 3",
                "UPDATE audit_log SET seq = 3 WHERE seq = 100");
        Problem p = firstBad(f.verify());
        assertThat(p.seq()).isEqualTo(2);
        assertThat(p.copy()).isEqualTo(Copy.CATALOG);
    }

    // ---- the audit.log mirror ----

    @Test
    void editedFieldInMirror() throws Exception {
        AuditFixture f = fixture();
        List<String> lines = f.mirrorLines();
        lines.set(2, lines.get(2).replace("\"action\":\"IMPORT\"", "\"action\":\"EXPORT\""));
        f.writeMirror(lines);
        Problem p = firstBad(f.verify());
        assertThat(p.seq()).isEqualTo(3);
        assertThat(p.copy()).isEqualTo(Copy.MIRROR);
        assertThat(p.kind()).isEqualTo(Kind.EDITED);
        assertThat(p.message()).contains("audit.log").contains("entry 3");
    }

    @Test
    void editedFieldInMirrorWithRecomputedHashStillDisagreesWithTheCatalog() throws Exception {
        AuditFixture f = fixture();
        AuditEntry e = f.entries.get(2);
        AuditEntry unhashed = new AuditEntry(e.seq(), e.time(), "forger", e.action(), e.objects(), e.parametersJson(), e.prevHash(), "");
        AuditEntry edited = new AuditEntry(e.seq(), e.time(), "forger", e.action(), e.objects(), e.parametersJson(), e.prevHash(),
                AuditCanonical.hash(unhashed));
        List<String> lines = f.mirrorLines();
        lines.set(2, AuditCanonical.line(edited));
        f.writeMirror(lines);
        AuditVerification v = f.verify();
        Problem p = firstBad(v);
        assertThat(p.seq()).isEqualTo(3);
        assertThat(v.problems()).anySatisfy(q -> {
            assertThat(q.kind()).isEqualTo(Kind.COPIES_DIFFER);
            assertThat(q.message()).contains("user").contains("hash");
        });
    }

    @Test
    void deletedLineInMirror() throws Exception {
        AuditFixture f = fixture();
        List<String> lines = f.mirrorLines();
        lines.remove(2);
        f.writeMirror(lines);
        Problem p = firstBad(f.verify());
        assertThat(p.seq()).isEqualTo(3);
        assertThat(p.copy()).isEqualTo(Copy.MIRROR);
        assertThat(p.kind()).isEqualTo(Kind.DELETED);
    }

    @Test
    void deletedLastLineInMirror() throws Exception {
        AuditFixture f = fixture();
        List<String> lines = f.mirrorLines();
        lines.remove(4);
        f.writeMirror(lines);
        Problem p = firstBad(f.verify());
        assertThat(p.seq()).isEqualTo(5);
        assertThat(p.kind()).isEqualTo(Kind.MISSING_FROM_COPY);
        assertThat(p.message()).contains("not in audit.log");
    }

    @Test
    void forgedLineInsertedInMirrorWithRecomputedHash() throws Exception {
        AuditFixture f = fixture();
        List<String> lines = f.mirrorLines();
        lines.add(2, AuditCanonical.line(AuditFixture.forged(3, "forger", f.entries.get(1).hash())));
        f.writeMirror(lines);
        AuditVerification v = f.verify();
        Problem p = firstBad(v);
        assertThat(p.seq()).isEqualTo(3);
        assertThat(v.problems()).anySatisfy(q -> assertThat(q.copy()).isEqualTo(Copy.MIRROR));
    }

    @Test
    void forgedLineAppendedToMirrorOnlyIsNotAdoptedSilentlyWhenItDoesNotChain() throws Exception {
        AuditFixture f = fixture();
        List<String> lines = f.mirrorLines();
        lines.add(AuditCanonical.line(AuditFixture.forged(6, "forger", "12".repeat(32))));
        f.writeMirror(lines);
        Problem p = firstBad(f.verify());
        assertThat(p.seq()).isEqualTo(6);
    }

    @Test
    void swappedLinesInMirror() throws Exception {
        AuditFixture f = fixture();
        List<String> lines = f.mirrorLines();
        String two = lines.get(1);
        lines.set(1, lines.get(2));
        lines.set(2, two);
        f.writeMirror(lines);
        Problem p = firstBad(f.verify());
        assertThat(p.seq()).isEqualTo(2);
        assertThat(p.copy()).isEqualTo(Copy.MIRROR);
    }

    @Test
    void garbageLineInMirror() throws Exception {
        AuditFixture f = fixture();
        List<String> lines = f.mirrorLines();
        lines.set(3, "{not json");
        f.writeMirror(lines);
        Problem p = firstBad(f.verify());
        assertThat(p.seq()).isEqualTo(4);
        assertThat(p.kind()).isEqualTo(Kind.MALFORMED);
    }

    // ---- both copies rewritten consistently: only an anchor catches it ----

    @Test
    void consistentRewriteOfBothCopiesNeedsTheAnchor() throws Exception {
        AuditFixture f = fixture();
        String anchor = f.verify().headHash();
        // Rewrite entry 2 onwards in both copies, recomputing every hash.
        f.sql("DELETE FROM audit_log WHERE seq >= 2");
        List<String> lines = f.mirrorLines().subList(0, 1);
        List<String> rewritten = new java.util.ArrayList<>(lines);
        String prev = f.entries.get(0).hash();
        for (long seq = 2; seq <= 5; seq++) {
            AuditEntry forged = AuditFixture.forged(seq, "forger", prev);
            f.sql(AuditFixture.insertSql(forged));
            rewritten.add(AuditCanonical.line(forged));
            prev = forged.hash();
        }
        f.writeMirror(rewritten);
        assertThat(f.verify().intact()).as("the documented limit: undetectable without an anchor").isTrue();
        Problem p = firstBad(f.verify(anchor));
        assertThat(p.kind()).isEqualTo(Kind.ANCHOR_NOT_FOUND);
        // An anchor taken earlier is still found in an honest log that has grown since.
        AuditFixture honest = new AuditFixture(dir.resolve("honest"), 3);
        String early = honest.verify().headHash();
        try (AuditLog log = AuditLog.open(honest.workspace)) {
            log.append(AuditAction.EXPORT, List.of(), null);
        }
        AuditVerification v = honest.verify(early.substring(0, 20));
        assertThat(v.intact()).isTrue();
        assertThat(v.anchorSeq()).isEqualTo(3);
    }
}
