package org.glassbox.app.cli;

import org.glassbox.app.workflow.ImportAudit;
import org.glassbox.app.workflow.ImportComposition;
import org.glassbox.app.workflow.TruthImport;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.ImportOutcome;
import org.glassbox.core.catalog.TruthCsv;
import org.glassbox.core.catalog.TruthCsvException;
import org.glassbox.core.deid.DeidPolicy;
import org.glassbox.core.ingest.ImportOptions;
import org.glassbox.core.ingest.ImportReport;
import org.glassbox.core.workspace.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code glassbox import PATH... [--workspace DIR] [--policy reject|quarantine|deidentify]
 * [--truth CSV] [--json]}: catalogues DICOM files, folders and DICOMDIRs through the
 * de-identification gate. Exit 0 when no file was refused or failed, 1 otherwise, 2 on a usage error.
 */
@Command(name = "import", description = "Import DICOM files, folders or DICOMDIRs into the workspace catalog.")
public final class ImportCommand implements Callable<Integer> {
    /** Error lines printed on stderr before summarising the rest (the JSON always lists all). */
    static final int MAX_ERROR_LINES = 20;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "DICOM files, folders (recursive) or DICOMDIR files.")
    List<Path> paths;

    @Mixin
    WorkspaceOption workspace;

    @Option(names = "--policy", paramLabel = "POLICY", defaultValue = "reject",
            description = "What to do with files that are not de-identified: reject (default), quarantine or deidentify.")
    String policy;

    @Option(names = "--truth", paramLabel = "CSV", description = {
            "Ground-truth CSV (UTF-8, header row, RFC 4180 quotes): sop_instance_uid (required);",
            "labels: a column truth_<label> is always a label; any other column whose non-blank values are all 0/1",
            "  is a label unless it is a known attribute (sex, age, site, shortcut, ...); a blank label value = unknown;",
            "attributes: other columns, stored as text, except site/institution (stored as the workspace's keyed site",
            "  hash, as InstitutionName is) and patient_id (stored as the keyed patient key);",
            "refused: columns naming a direct identifier (name, patient_name, mrn, birth date, address, phone, email,",
            "  accession, ...) refuse the whole file, as does any malformed line."})
    Path truth;

    @Option(names = "--json", description = "Print the import report as JSON on stdout.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        DeidPolicy deidPolicy = parsePolicy();
        PrintWriter err = spec.commandLine().getErr();
        // Read the truth file first: a malformed one stops the command before anything is written.
        TruthCsv.Table truthTable = null;
        if (truth != null) {
            try {
                truthTable = TruthCsv.read(truth);
            } catch (TruthCsvException | IOException e) {
                err.println("glassbox import: " + CliErrors.oneLine(e));
                return GlassBoxCli.EXIT_FAILED;
            }
        }
        Workspace ws = Workspace.open(workspace.root());
        ImportReport report = ImportComposition.pipeline(ws, ImportOptions.defaults(deidPolicy))
                .run(paths, ProgressBar.forConsole(err, "import"));
        if (truthTable != null) {
            storeTruth(ws, truthTable, err);
        }
        ImportAudit.record(ws, report, deidPolicy, java.util.Map.of("truth", truthTable != null));
        printErrors(report, err);
        for (Path folder : report.emptyFolders()) {
            err.println("glassbox import: " + folder + ": nothing to import (no files found; hidden files and "
                    + "non-DICOM extensions such as .csv, .npy, .png are skipped)");
        }
        if (!json) {
            printDeidReasons(report, err);
        }
        if (json) {
            Json.print(spec.commandLine().getOut(), jsonDocument(report));
        } else {
            spec.commandLine().getOut().println(summary(report, ws));
        }
        err.flush();
        return report.anyRefused() ? GlassBoxCli.EXIT_FAILED : GlassBoxCli.EXIT_OK;
    }

    private DeidPolicy parsePolicy() {
        try {
            return DeidPolicy.valueOf(policy.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--policy must be reject, quarantine or deidentify, got '" + policy + "'");
        }
    }

    private static void storeTruth(Workspace ws, TruthCsv.Table table, PrintWriter err) {
        int matched = TruthImport.store(ws, table);
        err.println("glassbox import: truth: " + table.records().size() + " records, labels " + table.labelNames()
                + ", " + matched + " match catalogued instances");
    }

    private static void printErrors(ImportReport report, PrintWriter err) {
        List<ImportReport.FileError> errors = report.errors();
        for (int i = 0; i < Math.min(MAX_ERROR_LINES, errors.size()); i++) {
            err.println("glassbox import: " + errors.get(i).file() + ": " + errors.get(i).reason());
        }
        if (errors.size() > MAX_ERROR_LINES) {
            err.println("glassbox import: … and " + (errors.size() - MAX_ERROR_LINES) + " more (see --json)");
        }
    }

    /**
     * The gate's reasons with the number of files each was found in, most frequent first (the human
     * summary only: the --json shape is fixed by the issue; the import log keeps them too).
     */
    static void printDeidReasons(ImportReport report, PrintWriter err) {
        Map<String, Integer> reasons = report.deid().reasonCounts();
        if (reasons.isEmpty()) {
            return;
        }
        err.println("glassbox import: de-identification findings (files):");
        reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> err.println("glassbox import:   " + e.getValue() + "  " + e.getKey()));
    }

    /** The documented --json shape, keys in this order. */
    static Map<String, Object> jsonDocument(ImportReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("imported", report.count(ImportOutcome.IMPORTED));
        doc.put("rejected", report.count(ImportOutcome.REJECTED));
        doc.put("quarantined", report.count(ImportOutcome.QUARANTINED));
        doc.put("deidentified", report.count(ImportOutcome.DEIDENTIFIED));
        doc.put("duplicates", report.count(ImportOutcome.DUPLICATE));
        doc.put("studies", report.studies());
        List<Map<String, String>> errors = new ArrayList<>();
        for (ImportReport.FileError e : report.errors()) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("file", e.file());
            m.put("reason", e.reason());
            errors.add(m);
        }
        doc.put("errors", errors);
        return doc;
    }

    private static String summary(ImportReport r, Workspace ws) {
        return String.format(Locale.ROOT, "imported %d, de-identified %d, quarantined %d, rejected %d, duplicates %d, errors %d; %d studies in %s",
                r.count(ImportOutcome.IMPORTED), r.count(ImportOutcome.DEIDENTIFIED), r.count(ImportOutcome.QUARANTINED),
                r.count(ImportOutcome.REJECTED), r.count(ImportOutcome.DUPLICATE), r.count(ImportOutcome.ERROR), r.studies(), ws.root());
    }
}
