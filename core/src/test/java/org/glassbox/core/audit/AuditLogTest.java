package org.glassbox.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir
    Path dir;

    @Test
    void entriesChainFromGenesisAndTheMirrorLineHashesBackWithSed() throws Exception {
        AuditFixture f = new AuditFixture(dir, 3);
        assertThat(f.entries.get(0).prevHash()).isEqualTo(AuditCanonical.GENESIS);
        assertThat(f.entries.get(1).prevHash()).isEqualTo(f.entries.get(0).hash());
        assertThat(f.entries).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L);
        assertThat(f.entries.get(0).time()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(f.entries.get(0).user()).isEqualTo(System.getProperty("user.name"));
        // Independent of the Java canonicaliser: strip the hash member from the line, SHA-256 the rest.
        List<String> lines = f.mirrorLines();
        for (int i = 0; i < lines.size(); i++) {
            String stripped = lines.get(i).replaceFirst(",\"hash\":\"[0-9a-f]{64}\"}$", "}");
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stripped.getBytes(StandardCharsets.UTF_8)));
            assertThat(sha).isEqualTo(f.entries.get(i).hash());
        }
        // Floats are stored as strings; keys sorted; control characters escaped.
        assertThat(f.entries.get(0).parametersJson()).isEqualTo("{\"batch\":1,\"note\":\"entry \\\"1\\\"\\n\",\"threshold\":\"0.5\"}");
    }

    @Test
    void canonicalFormMatchesPythonJsonDumps() throws Exception {
        Path python = org.glassbox.core.testing.ExternalTools.require("/usr/bin/python3", "python3");
        AuditFixture f = new AuditFixture(dir, 2);
        try (AuditLog log = AuditLog.open(f.workspace)) {
            log.append(AuditAction.NOTE, List.of("flag:ü-ß-\u0001"), Map.of("z", List.of(1, true), "a", Map.of("y", "\t", "b", -7)));
        }
        // Python recomputes every hash from audit.log with its own JSON encoder.
        String script = String.join("\n",
                "import json, hashlib, sys",
                "prev = '0' * 64",
                "for line in open(sys.argv[1], encoding='utf-8'):",
                "    d = json.loads(line)",
                "    h = d.pop('hash')",
                "    p = json.dumps(d['parameters'], sort_keys=True, separators=(',', ':'), ensure_ascii=False)",
                "    d['parameters'] = '@P@'",
                "    t = json.dumps(d, separators=(',', ':'), ensure_ascii=False).replace('\"@P@\"', p)",
                "    assert d['prev'] == prev, d['seq']",
                "    assert hashlib.sha256(t.encode('utf-8')).hexdigest() == h, (d['seq'], t)",
                "    prev = h",
                "print('ok', prev)");
        Process p = new ProcessBuilder(python.toString(), "-c", script, f.workspace.auditLog().toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).isEqualTo("ok " + f.verify().headHash());
    }

    @Test
    void appendsFromSeveralThreadsAndInstancesFormOneChain() throws Exception {
        Workspace ws = Workspace.open(dir);
        int threads = 4;
        int perThread = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (AuditLog shared = AuditLog.open(ws); AuditLog other = AuditLog.open(ws)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                AuditLog log = t % 2 == 0 ? shared : other;
                int id = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        log.append(AuditAction.STUDY_VIEW, List.of(AuditObjects.study("1.2." + id + "." + i)), Map.of("thread", id));
                    }
                    return null;
                }));
            }
            for (Future<?> fu : futures) {
                fu.get();
            }
        } finally {
            pool.shutdownNow();
        }
        AuditVerification v;
        try (Catalog c = Catalog.open(ws.catalogFile())) {
            v = AuditVerifier.verify(c, ws.auditLog(), null);
        }
        assertThat(v.problems()).isEmpty();
        assertThat(v.catalogEntries()).isEqualTo(threads * perThread);
        assertThat(v.mirrorEntries()).isEqualTo(threads * perThread);
    }

    @Test
    void interruptedBeforeCommitIsNotedThenAdoptedByTheNextAppend() throws Exception {
        AuditFixture f = new AuditFixture(dir, 4);
        // The state a crash between the mirror write and the commit leaves: the mirror has entry 4, the catalog not.
        f.sql("DELETE FROM audit_log WHERE seq = 4");
        AuditVerification before = f.verify();
        assertThat(before.intact()).isTrue();
        assertThat(before.notes()).singleElement().asString().contains("entry 4");
        AuditEntry next;
        try (AuditLog log = AuditLog.open(f.workspace)) {
            next = log.append(AuditAction.EXPORT, List.of(), Map.of());
        }
        AuditVerification after = f.verify();
        assertThat(after.problems()).isEmpty();
        assertThat(after.notes()).isEmpty();
        assertThat(after.catalogEntries()).isEqualTo(6); // 4 adopted, 5 = recovery note, 6 = the export
        assertThat(next.seq()).isEqualTo(6);
        assertThat(f.mirrorLines().get(4)).contains("AUDIT_LOG_RECOVERY").contains("adopted entry 4");
    }

    @Test
    void tornLastLineIsMovedAsideByTheNextAppend() throws Exception {
        AuditFixture f = new AuditFixture(dir, 2);
        String partial = "{\"seq\":3,\"time\":\"2030-01-01T00:00";
        Files.writeString(f.workspace.auditLog(), partial, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        AuditVerification before = f.verify();
        assertThat(before.intact()).isTrue();
        assertThat(before.notes()).singleElement().asString().contains("incomplete line");
        try (AuditLog log = AuditLog.open(f.workspace)) {
            log.append(AuditAction.EXPORT, List.of(), Map.of());
        }
        assertThat(f.verify().problems()).isEmpty();
        try (var files = Files.list(dir)) {
            Path aside = files.filter(p -> p.getFileName().toString().startsWith("audit.log.torn-")).findFirst().orElseThrow();
            assertThat(Files.readString(aside)).isEqualTo(partial);
        }
        assertThat(f.mirrorLines()).hasSize(4);
    }

    @Test
    void pseudonymFromWorkspaceSettingsIsRecorded() throws Exception {
        Workspace ws = Workspace.open(dir);
        Files.writeString(ws.settingsFile(), "audit.user = reader-07\n");
        assertThat(AuditLog.record(ws, AuditAction.FLAG, List.of(AuditObjects.flag("1")), Map.of()).user()).isEqualTo("reader-07");
    }
}
