package org.glassbox.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.glassbox.core.audit.AuditAction;
import org.glassbox.core.audit.AuditEntry;
import org.glassbox.core.audit.AuditLog;
import org.glassbox.core.audit.AuditObjects;
import org.glassbox.core.audit.AuditVerification;
import org.glassbox.core.audit.AuditVerifier;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.io.AtomicFiles;
import org.glassbox.core.workspace.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code glassbox audit-log verify|head|export}: the workspace's tamper-evident audit log (ADR 0015).
 * {@code verify} exits 0 when both copies are intact and agree, 1 naming the first bad entry.
 */
@Command(name = "audit-log", description = "Verify, anchor and export the workspace's hash-chained audit log.",
        subcommands = {AuditLogCommand.Verify.class, AuditLogCommand.Head.class, AuditLogCommand.Export.class})
public final class AuditLogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return GlassBoxCli.EXIT_USAGE;
    }

    /** {@code audit-log verify [--workspace DIR] [--expect-head H] [--json]}. */
    @Command(name = "verify", description = {"Recompute the hash chain in the catalog and in audit.log and compare them.",
        "Exit 0 intact, 1 tampered (the first bad entry is named), 2 usage error.",
        "Prints the head hash: write it down (or export it) and pass it later as --expect-head to detect a rewrite of both copies."})
    static final class Verify implements Callable<Integer> {
        @Mixin
        WorkspaceOption workspace;

        @Option(names = "--expect-head", paramLabel = "HASH", description = "A head hash written down earlier (>= 16 hex digits); it must still be in the chain.")
        String expectHead;

        @Option(names = "--json", description = "Print {intact, entries, head, firstBad, problems, notes} as JSON.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (expectHead != null && !expectHead.strip().toLowerCase(Locale.ROOT).matches("[0-9a-f]{" + AuditVerifier.MIN_ANCHOR_HEX + ",64}")) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--expect-head must be " + AuditVerifier.MIN_ANCHOR_HEX + " to 64 hex digits, got '" + expectHead + "'");
            }
            Workspace ws = Workspace.open(workspace.root());
            AuditVerification v;
            try (Catalog catalog = Catalog.open(ws.catalogFile())) {
                v = AuditVerifier.verify(catalog, ws.auditLog(), expectHead);
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!v.intact()) {
                AuditVerification.Problem p = v.firstProblem();
                err.println("glassbox audit-log verify: TAMPERED: first bad entry " + p.seq() + ": " + p.message());
            }
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("intact", v.intact());
                doc.put("entries", v.catalogEntries());
                doc.put("mirrorEntries", v.mirrorEntries());
                doc.put("headSeq", v.headSeq());
                doc.put("head", v.headHash());
                doc.put("firstBad", v.intact() ? null : problem(v.firstProblem()));
                List<Map<String, Object>> problems = new ArrayList<>();
                v.problems().forEach(p -> problems.add(problem(p)));
                doc.put("problems", problems);
                doc.put("notes", v.notes());
                if (expectHead != null) {
                    doc.put("anchorSeq", v.anchorSeq() < 0 ? null : v.anchorSeq());
                }
                Json.print(out, doc);
            } else {
                v.notes().forEach(n -> err.println("glassbox audit-log verify: note: " + n));
                if (v.intact()) {
                    out.println("intact: " + v.catalogEntries() + " entries; head " + v.headSeq() + " " + v.headHash()
                            + (v.anchorSeq() > 0 ? " (expected head found at entry " + v.anchorSeq() + ")" : ""));
                }
            }
            return v.intact() ? GlassBoxCli.EXIT_OK : GlassBoxCli.EXIT_FAILED;
        }

        private static Map<String, Object> problem(AuditVerification.Problem p) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", p.seq());
            m.put("copy", p.copy().name().toLowerCase(Locale.ROOT));
            m.put("kind", p.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            m.put("message", p.message());
            return m;
        }
    }

    /** {@code audit-log head [--workspace DIR] [--json]}: the anchor to write down. */
    @Command(name = "head", description = "Print the newest entry's number and hash (an anchor for verify --expect-head).")
    static final class Head implements Callable<Integer> {
        @Mixin
        WorkspaceOption workspace;

        @Option(names = "--json", description = "Print {seq, hash, time} as JSON.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Workspace ws = Workspace.open(workspace.root());
            AuditEntry head;
            try (Catalog catalog = Catalog.open(ws.catalogFile())) {
                head = catalog.audit().last().map(AuditLog::fromRecord).orElse(null);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("seq", head == null ? 0 : head.seq());
                doc.put("hash", head == null ? org.glassbox.core.audit.AuditCanonical.GENESIS : head.hash());
                doc.put("time", head == null ? null : head.time());
                Json.print(out, doc);
            } else {
                out.println(head == null ? "0 " + org.glassbox.core.audit.AuditCanonical.GENESIS : head.seq() + " " + head.hash());
            }
            return GlassBoxCli.EXIT_OK;
        }
    }

    /** {@code audit-log export --format csv|json --out FILE}. */
    @Command(name = "export", description = "Write every entry (catalog copy) as CSV or JSON; the export itself is audited.")
    static final class Export implements Callable<Integer> {
        @Mixin
        WorkspaceOption workspace;

        @Option(names = "--format", required = true, paramLabel = "csv|json", description = "csv (one row per entry) or json (an array).")
        String format;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write (temp file + rename).")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            String f = format.strip().toLowerCase(Locale.ROOT);
            if (!f.equals("csv") && !f.equals("json")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--format must be csv or json, got '" + format + "'");
            }
            Workspace ws = Workspace.open(workspace.root());
            long[] count = {0};
            String[] head = {null};
            try (Catalog catalog = Catalog.open(ws.catalogFile())) {
                AtomicFiles.write(out, temp -> {
                    try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                        if (f.equals("csv")) {
                            w.write("seq,time,user,action,objects,parameters,prev_hash,entry_hash\n");
                        } else {
                            w.write("[\n");
                        }
                        IOException[] failure = {null};
                        catalog.audit().forEach(r -> {
                            if (failure[0] != null) {
                                return;
                            }
                            try {
                                if (f.equals("csv")) {
                                    w.write(r.seq() + "," + csv(r.time()) + "," + csv(r.user()) + "," + csv(r.action()) + "," + csv(r.objectsJson()) + ","
                                            + csv(r.parametersJson()) + "," + r.prevHash() + "," + r.entryHash() + "\n");
                                } else {
                                    w.write((count[0] > 0 ? ",\n" : "") + org.glassbox.core.audit.AuditCanonical.line(AuditLog.fromRecord(r)));
                                }
                                count[0]++;
                                head[0] = r.entryHash();
                            } catch (IOException e) {
                                failure[0] = e;
                            }
                        });
                        if (failure[0] != null) {
                            throw failure[0];
                        }
                        if (f.equals("json")) {
                            w.write("\n]\n");
                        }
                    }
                });
            }
            String sha = org.glassbox.inference.pkg.Sha256.hex(out);
            AuditLog.record(ws, AuditAction.EXPORT, List.of(AuditObjects.exportFile(sha)),
                    Map.of("what", "audit-log", "format", f, "entries", count[0], "head", head[0] == null ? "" : head[0]));
            spec.commandLine().getOut().println("exported " + count[0] + " entries to " + out.toAbsolutePath() + " (" + f + ")");
            return GlassBoxCli.EXIT_OK;
        }

        /** RFC 4180 quoting: always quoted, inner quotes doubled. */
        private static String csv(String s) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
    }
}
