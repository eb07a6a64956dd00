package org.glassbox.core.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.task.CancelToken;
import org.glassbox.core.catalog.CataloguedInstance;
import org.glassbox.core.catalog.ImportOutcome;
import org.glassbox.core.deid.DeidCheck;
import org.glassbox.core.deid.DeidDecision;
import org.glassbox.core.deid.DeidOutcome;
import org.glassbox.core.deid.DeidRefusedException;
import org.glassbox.core.deid.DeidReport;
import org.glassbox.core.deid.DeidGate;
import org.glassbox.core.deid.DeidentifiedCopy;
import org.glassbox.core.dicom.DicomFile;
import org.glassbox.core.dicom.DicomReadException;
import org.glassbox.core.dicom.DicomReader;
import org.glassbox.core.privacy.HeaderTokenHashes;
import org.glassbox.core.workspace.Workspace;

/**
 * Imports DICOM files into a workspace: walk the inputs, hash and parse headers on a bounded pool
 * of worker threads, pass each instance through the de-identification gate, and catalogue it from a
 * single writer thread (the caller's) in transactions of {@link ImportOptions#batchSize()} files.
 *
 * <p>Idempotent: a file whose SHA-256 is already catalogued (as a file or as the original of a
 * de-identified copy) is a {@link ImportOutcome#DUPLICATE}, and so is a file whose SOP Instance
 * UID is catalogued with the same hash. The same SOP Instance UID with different content is an
 * {@link ImportOutcome#ERROR}, never merged.
 *
 * <p>Per-file problems (unreadable, not DICOM, not an image, conflict) become one error each and the
 * import carries on. A catalog failure aborts the import with a {@link org.glassbox.core.catalog.CatalogException}
 * after rolling back the current batch: earlier batches stay, and running the import again
 * completes it. A run killed outright (SIGKILL, power) leaves whole batches too; its temporary
 * de-identified copies are removed by the next import ({@link LeftoverCopies}).
 */
public final class ImportPipeline {
    private final DicomReader reader;
    private final DeidGate gate;
    private final Workspace workspace;
    private final ImportOptions options;
    private final RecordExtractor extractor;
    /** Temporary de-identified copies written but not yet placed or deleted (any thread). */
    private final Set<Path> pending = ConcurrentHashMap.newKeySet();
    /**
     * Keyed hashes of name and ID tokens from headers the gate found identifying, not yet stored
     * (workers add; the writer drains them into each batch's transaction). Never the values.
     */
    private final Set<String> headerTokenHashes = ConcurrentHashMap.newKeySet();

    public ImportPipeline(DicomReader reader, DeidGate gate, Workspace workspace, ImportOptions options) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.options = Objects.requireNonNull(options, "options");
        this.extractor = new RecordExtractor(workspace.keyedHash());
    }

    /** The outcome of the parallel stage for one file, before the catalog decides. */
    private sealed interface Prepared {
        Path file();
    }

    /** Decided without the catalog writer (rejected, quarantined, error, known content). */
    private record Decided(Path file, ImportOutcome outcome, String reason) implements Prepared {
    }

    /**
     * Ready to catalogue; the writer decides between {@code outcome}, DUPLICATE and a conflict ERROR.
     *
     * @param pending for a de-identified copy, the temporary file to move to {@code entry.file()} once
     *                the writer accepts it (deleted otherwise); null for a file catalogued in place
     */
    private record Ready(Path file, InstanceRecords records, CataloguedInstance entry, ImportOutcome outcome, Path pending) implements Prepared {
    }

    /**
     * Runs an import.
     *
     * @param arguments files, folders and DICOMDIRs
     * @param progress  told after each file
     */
    public ImportReport run(List<Path> arguments, ImportProgress progress) {
        return run(arguments, progress, new CancelToken());
    }

    /**
     * Runs an import that can be cancelled: once {@code cancel} is set no new file is started, the
     * files already being prepared are written (whole, like every batch), and the import is logged
     * as finished with the counts of the files it reached; {@link ImportReport#notReached} says how
     * many it left. Running the same import again catalogues the rest.
     *
     * @param arguments files, folders and DICOMDIRs
     * @param progress  told after each file
     * @param cancel    checked before each file is started
     */
    public ImportReport run(List<Path> arguments, ImportProgress progress, CancelToken cancel) {
        DeidReport deidReport = new DeidReport();
        InputWalker.Inputs inputs = new InputWalker(reader).walk(arguments, cancel);
        int total = inputs.files().size() + inputs.problems().size();
        try (Catalog catalog = Catalog.open(workspace.catalogFile());
             Catalog lookup = Catalog.open(workspace.catalogFile());
             LeftoverCopies held = LeftoverCopies.sweepAndHold(workspace.root(), workspace.deidentifiedDir())) {
            long importId = catalog.importLog().begin(options.policy().name(), Instant.now());
            Writer writer = new Writer(catalog, importId, pending, headerTokenHashes);
            List<Prepared> batch = new ArrayList<>();
            int done = 0;
            for (InputWalker.Problem p : inputs.problems()) {
                batch.add(new Decided(p.file(), ImportOutcome.ERROR, p.reason()));
                progress.update(++done, total);
            }
            ExecutorService pool = Executors.newFixedThreadPool(options.threads(), daemonThreads());
            try {
                Deque<Future<Prepared>> window = new ArrayDeque<>();
                int windowLimit = options.threads() * 4;
                int next = 0;
                List<Path> files = inputs.files();
                while (next < files.size() || !window.isEmpty()) {
                    while (!cancel.isCancelled() && next < files.size() && window.size() < windowLimit) {
                        Path f = files.get(next++);
                        window.add(pool.submit(() -> prepare(f, lookup, deidReport)));
                    }
                    if (window.isEmpty()) {
                        break; // cancelled, nothing in flight
                    }
                    batch.add(await(window.removeFirst()));
                    progress.update(++done, total);
                    if (batch.size() >= options.batchSize()) {
                        writer.write(batch);
                        batch.clear();
                    }
                }
                writer.write(batch);
            } finally {
                pool.shutdownNow();
                deleteLeftovers();
            }
            Map<String, Integer> gateOutcomes = new java.util.LinkedHashMap<>();
            deidReport.outcomeCounts().forEach((o, n) -> gateOutcomes.put(o.name(), n));
            catalog.importLog().logDeidReport(importId, gateOutcomes, deidReport.reasonCounts());
            catalog.importLog().finish(importId, writer.counts, Instant.now());
            return new ImportReport(importId, writer.counts, writer.errors, catalog.studies().count(), deidReport, inputs.emptyFolders(),
                    total - done, cancel.isCancelled() && (done < total || inputs.truncated()));
        }
    }

    /** Pending copies of an aborted batch, or of workers still running when the pool stopped. */
    private void deleteLeftovers() {
        for (Path p : List.copyOf(pending)) {
            discard(p);
        }
    }

    private static Prepared await(Future<Prepared> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        } catch (ExecutionException e) {
            // prepare() turns every exception into a Decided ERROR; only Errors get here.
            Throwable cause = e.getCause();
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Worker-thread stage: hash, parse the header, extract records, apply the gate. */
    private Prepared prepare(Path file, Catalog lookup, DeidReport report) {
        try {
            long size = Files.size(file);
            if (size == 0) {
                return error(file, "empty file (0 bytes)");
            }
            String sha = ContentHash.sha256(file);
            if (knownContent(lookup, sha)) {
                return new Decided(file, ImportOutcome.DUPLICATE, null);
            }
            DicomFile dicom = reader.openHeader(file);
            InstanceRecords records = extractor.extract(dicom);
            DeidCheck check = gate.check(dicom.dataset());
            if (!check.clean()) {
                // For the free-text PHI scanner: which names and IDs this workspace has seen (hashes only).
                headerTokenHashes.addAll(HeaderTokenHashes.of(dicom.dataset(), workspace.keyedHash()));
            }
            DeidDecision decision = DeidDecision.decide(options.policy(), check);
            return switch (decision.outcome()) {
                case ACCEPTED -> gated(report, file, check, DeidOutcome.ACCEPTED,
                        new Ready(file, records, new CataloguedInstance(records.instance(), file, size, sha, null), ImportOutcome.IMPORTED, null));
                case QUARANTINED -> gated(report, file, check, DeidOutcome.QUARANTINED, quarantine(file, sha, decision.reason()));
                case DEIDENTIFIED -> deidentify(file, dicom, sha, check, report);
                case REJECTED, FAILED -> gated(report, file, check, DeidOutcome.REJECTED, new Decided(file, ImportOutcome.REJECTED, decision.reason()));
            };
        } catch (DeidRefusedException e) {
            return gated(report, file, null, DeidOutcome.REJECTED, new Decided(file, ImportOutcome.REJECTED, e.reason()));
        } catch (DicomReadException e) {
            return gated(report, file, null, DeidOutcome.FAILED, error(file, e.reason()));
        } catch (IOException e) {
            return gated(report, file, null, DeidOutcome.FAILED, error(file, "cannot read: " + oneLine(e)));
        } catch (RuntimeException e) {
            return gated(report, file, null, DeidOutcome.FAILED, error(file, "unexpected " + e.getClass().getSimpleName() + ": " + oneLine(e)));
        } catch (StackOverflowError | OutOfMemoryError e) {
            // A hostile file (deeply nested sequences, a huge declared length) can exhaust a parser's
            // stack or heap. Both are thrown in this worker's own call, and unwinding it frees what
            // the parse allocated, so the file is one error and the batch carries on. Other Errors
            // (linkage, assertion) are bugs and still abort the import.
            return gated(report, file, null, DeidOutcome.FAILED,
                    error(file, "cannot be read safely: " + e.getClass().getSimpleName() + " while parsing (hostile or corrupt file?)"));
        }
    }

    /** Records the gate's outcome in the de-identification report and passes {@code result} on. */
    private static Prepared gated(DeidReport report, Path file, DeidCheck check, DeidOutcome outcome, Prepared result) {
        report.add(file, outcome, check);
        return result;
    }

    private static boolean knownContent(Catalog lookup, String sha) {
        // One read connection shared by the workers; WAL lets it read while the writer writes.
        synchronized (lookup) {
            return lookup.instances().findByContent(sha).isPresent();
        }
    }

    private Prepared quarantine(Path file, String sha, String why) throws IOException {
        Path dir = workspace.quarantineDir();
        Path target = dir.resolve(sha.substring(0, 16) + "-" + file.getFileName());
        if (!Files.exists(target)) {
            // createTempFile's owner-only 0600 is kept on purpose: a quarantined file still carries
            // patient identity, so no other user of the machine should read it.
            Path tmp = Files.createTempFile(dir, ".quarantine", ".tmp");
            try {
                Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return new Decided(file, ImportOutcome.QUARANTINED, why);
    }

    private Prepared deidentify(Path file, DicomFile original, String sourceSha, DeidCheck originalCheck, DeidReport report) throws IOException, DicomReadException {
        DeidentifiedCopy copy = gate.deidentify(file, original.dataset(), workspace.deidentifiedDir());
        pending.add(copy.file());
        try {
            return placeable(file, original, sourceSha, originalCheck, report, copy);
        } catch (IOException | DicomReadException | RuntimeException | Error e) {
            discard(copy.file());
            throw e;
        }
    }

    private Prepared placeable(Path file, DicomFile original, String sourceSha, DeidCheck originalCheck, DeidReport report,
                               DeidentifiedCopy copy) throws IOException, DicomReadException {
        DicomFile dicom = reader.openHeader(copy.file());
        DeidCheck check = gate.check(dicom.dataset());
        if (!check.clean()) {
            // Never catalogue (or leave behind) a copy the gate itself does not accept.
            discard(copy.file());
            return gated(report, file, originalCheck, DeidOutcome.FAILED, error(file, "de-identified copy still not clean: " + check.summary()));
        }
        // Hierarchy and UIDs come from the copy; the subgroup attributes (sex, age, keyed site,
        // equipment, view) come from the original, whose copy has them emptied by the Basic
        // Profile. None of them identifies a patient, and the fairness audit needs them.
        InstanceRecords fromCopy = extractor.extract(dicom);
        InstanceRecords fromOriginal = extractor.extract(original);
        InstanceRecords records = fromCopy.withAttributes(fromOriginal.instance().attributes());
        long size = Files.size(copy.file());
        String sha = ContentHash.sha256(copy.file());
        return gated(report, file, originalCheck, DeidOutcome.DEIDENTIFIED,
                new Ready(file, records, new CataloguedInstance(records.instance(), copy.target(), size, sha, sourceSha),
                        ImportOutcome.DEIDENTIFIED, copy.file()));
    }

    /** Deletes a pending de-identified copy (best effort: a leftover is removed at the end of the run). */
    private void discard(Path pendingCopy) {
        try {
            Files.deleteIfExists(pendingCopy);
            pending.remove(pendingCopy);
        } catch (IOException e) {
            // Left in the set: run() tries again when it finishes.
        }
    }

    private static Decided error(Path file, String reason) {
        return new Decided(file, ImportOutcome.ERROR, reason);
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }

    /** The single writer: decides duplicates and conflicts and writes one batch per transaction. */
    private static final class Writer {
        private final Catalog catalog;
        private final long importId;
        private final Set<Path> pending;
        private final Set<String> headerTokenHashes;
        final Map<ImportOutcome, Integer> counts = new EnumMap<>(ImportOutcome.class);
        final List<ImportReport.FileError> errors = new ArrayList<>();

        Writer(Catalog catalog, long importId, Set<Path> pending, Set<String> headerTokenHashes) {
            this.catalog = catalog;
            this.importId = importId;
            this.pending = pending;
            this.headerTokenHashes = headerTokenHashes;
        }

        void write(List<Prepared> batch) {
            if (batch.isEmpty()) {
                return;
            }
            List<String> tokens = List.copyOf(headerTokenHashes);
            List<Decided> outcomes = catalog.inTransaction(() -> {
                catalog.phiNameTokens().addAll(tokens);
                List<Decided> decided = new ArrayList<>(batch.size());
                for (Prepared p : batch) {
                    Decided d = p instanceof Ready r ? catalogue(r) : (Decided) p;
                    catalog.importLog().logFile(importId, d.file().toString(), d.outcome(), d.reason());
                    decided.add(d);
                }
                return decided;
            });
            headerTokenHashes.removeAll(tokens);
            // Counted only once committed, so a report never claims what a rolled-back batch held.
            for (Decided d : outcomes) {
                counts.merge(d.outcome(), 1, Integer::sum);
                if (d.outcome().refused()) {
                    errors.add(new ImportReport.FileError(d.file().toString(), d.reason()));
                }
            }
        }

        private Decided catalogue(Ready r) throws SQLException {
            String sop = r.entry().sopInstanceUid();
            var existing = catalog.instances().contentHash(sop);
            if (existing.isPresent()) {
                drop(r.pending());
                return existing.get().equals(r.entry().contentSha256())
                        ? new Decided(r.file(), ImportOutcome.DUPLICATE, null)
                        : new Decided(r.file(), ImportOutcome.ERROR, "SOP Instance UID " + sop + " already catalogued with different content");
            }
            if (r.pending() != null) {
                String refused = place(r.pending(), r.entry().file(), r.entry().contentSha256());
                if (refused != null) {
                    return new Decided(r.file(), ImportOutcome.ERROR, refused);
                }
            }
            catalog.instances().add(r.entry(), r.records().study(), r.records().series(), importId);
            return new Decided(r.file(), r.outcome(), null);
        }

        /**
         * Moves a pending copy to its target without ever replacing a file: a hard link (atomic, fails
         * when the target exists), else a move without REPLACE_EXISTING. A target already there with
         * the same content (left by an import that crashed before committing) is reused.
         *
         * @return null when the copy is in place, else why it was refused (the pending file is deleted)
         */
        private String place(Path pendingCopy, Path target, String sha) {
            try {
                try {
                    Files.createLink(target, pendingCopy);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    throw e;
                } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
                    Files.move(pendingCopy, target); // no REPLACE_EXISTING: fails when the target exists
                }
                return null;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                try {
                    return ContentHash.sha256(target).equals(sha) ? null
                            : target + " already exists with different content; not replaced";
                } catch (IOException io) {
                    return target + " already exists and cannot be read: " + oneLine(io);
                }
            } catch (IOException e) {
                return "cannot write de-identified copy " + target + ": " + oneLine(e);
            } finally {
                drop(pendingCopy);
            }
        }

        private void drop(Path pendingCopy) {
            if (pendingCopy == null) {
                return;
            }
            try {
                Files.deleteIfExists(pendingCopy);
                pending.remove(pendingCopy);
            } catch (IOException e) {
                // Left in the set: run() tries again when it finishes.
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "glassbox-import-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
