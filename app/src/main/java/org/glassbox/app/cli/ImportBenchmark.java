package org.glassbox.app.cli;

import org.glassbox.core.io.FileTrees;

import org.glassbox.app.workflow.ImportComposition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.glassbox.core.catalog.ImportOutcome;
import org.glassbox.core.deid.DeidPolicy;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomElement;
import org.glassbox.core.dicom.DicomTags;
import org.glassbox.core.dicom.DicomWriter;
import org.glassbox.core.ingest.ContentHash;
import org.glassbox.core.ingest.ImportOptions;
import org.glassbox.core.ingest.ImportProgress;
import org.glassbox.core.ingest.ImportReport;
import org.glassbox.core.synth.CohortConfig;
import org.glassbox.core.synth.CohortGenerator;
import org.glassbox.core.workspace.Workspace;

/**
 * The import benchmark: writes {@code files} uncompressed 16-bit (12 stored) DX images of a given
 * size, de-identified so the gate accepts them, then imports them into a fresh workspace with the
 * production composition. As a peer measured in the same run it times SHA-256 of the same files on
 * the same number of threads — the floor any content-addressed import pays.
 */
final class ImportBenchmark {
    static final String DX_SOP_CLASS = "1.2.840.10008.5.1.4.1.1.1.1";

    /**
     * One measurement.
     *
     * @param name            e.g. "512x512"
     * @param files           files imported
     * @param imported        files catalogued (must equal {@code files})
     * @param megabytes       total input size, 10^6 bytes
     * @param seconds         wall time of the import
     * @param filesPerSecond  files / seconds
     * @param megabytesPerSecond megabytes / seconds
     * @param hashOnlySeconds wall time to SHA-256 the same files on the same threads (peer)
     * @param importToHashRatio seconds / hashOnlySeconds
     */
    record Result(String name, int files, int imported, double megabytes, double seconds, double filesPerSecond,
                  double megabytesPerSecond, double hashOnlySeconds, double importToHashRatio) {
    }

    private ImportBenchmark() {
    }

    /** A header the PS3.15 gate accepts: identity removed, options declared for what it keeps. */
    static DicomDataset cleanHeader(String sop, String series, String study) {
        List<DicomDataset> codes = new ArrayList<>();
        for (String[] c : new String[][] {{"113100", "Basic Application Confidentiality Profile"},
                {"113108", "Retain Patient Characteristics Option"}, {"113109", "Retain Device Identity Option"},
                {"113112", "Retain Institution Identity Option"}}) {
            codes.add(DicomDataset.builder().put(0x00080100, "SH", c[0]).put(0x00080102, "SH", "DCM").put(0x00080104, "LO", c[1]).build());
        }
        return DicomDataset.builder()
                .put(DicomTags.SpecificCharacterSet, "CS", "ISO_IR 100")
                .put(DicomTags.SOPClassUID, "UI", DX_SOP_CLASS)
                .put(DicomTags.SOPInstanceUID, "UI", sop)
                .put(DicomTags.StudyInstanceUID, "UI", study)
                .put(DicomTags.SeriesInstanceUID, "UI", series)
                .put(DicomTags.Modality, "CS", "DX")
                .put(DicomTags.Manufacturer, "LO", "GlassBox Bench")
                .put(DicomTags.ManufacturerModelName, "LO", "Phantom 1")
                .put(DicomTags.InstitutionName, "LO", "Bench Site")
                .put(DicomTags.PatientID, "LO", "GB-" + study.substring(Math.max(0, study.length() - 8)))
                .put(DicomTags.PatientSex, "CS", "F")
                .put(DicomTags.PatientAge, "AS", "050Y")
                .put(DicomTags.PatientIdentityRemoved, "CS", "YES")
                .put(DicomTags.DeidentificationMethod, "LO", "GlassBox benchmark")
                .put(DicomElement.sequence(DicomTags.DeidentificationMethodCodeSequence, codes))
                .put(DicomTags.BodyPartExamined, "CS", "CHEST")
                .put(DicomTags.ViewPosition, "CS", "PA")
                .put(DicomTags.SeriesNumber, "IS", "1")
                .put(DicomTags.InstanceNumber, "IS", "1")
                .build();
    }

    /**
     * Generates, imports and measures; deletes everything it wrote under {@code scratch}.
     */
    static Result run(String name, int files, int rows, int columns, Path scratch, int threads) throws Exception {
        return run(name, files, scratch, threads, dir -> {
            generate(files, rows, columns, dir, threads);
            return dir;
        });
    }

    /**
     * Full-size DX as the synthetic cohort writes them ({@code core.synth}, each site's own
     * detector matrix, a complete DX header), so the figure describes the data GlassBox is tested on.
     */
    static Result runGeneratedDx(int files, Path scratch, int threads) throws Exception {
        return run("dx-generated", files, scratch, threads, dir -> {
            Path cohort = dir.resolve("cohort");
            new CohortGenerator(Dicom.writer(), threads).generate(CohortConfig.defaults(), cohort, files, 7L, 0);
            return cohort.resolve("dicom");
        });
    }

    /** Writes the benchmark's input files into a folder and returns the folder to import. */
    @FunctionalInterface
    interface InputMaker {
        Path make(Path dir) throws Exception;
    }

    private static Result run(String name, int files, Path scratch, int threads, InputMaker maker) throws Exception {
        Path in = Files.createDirectories(scratch.resolve(name + "-files"));
        Path wsDir = scratch.resolve(name + "-workspace");
        try {
            Path dicom = maker.make(in);
            List<Path> written;
            try (Stream<Path> s = Files.list(dicom)) {
                written = s.sorted().toList();
            }
            long bytes = 0;
            for (Path p : written) {
                bytes += Files.size(p);
            }
            double hashSeconds = hashAll(written, threads);
            Workspace ws = Workspace.open(wsDir);
            long t0 = System.nanoTime();
            ImportReport report = ImportComposition.pipeline(ws, ImportOptions.defaults(DeidPolicy.REJECT).withThreads(threads))
                    .run(List.of(dicom), ImportProgress.NONE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            int imported = report.count(ImportOutcome.IMPORTED);
            if (imported != files) {
                String first = report.errors().isEmpty() ? "" : ": " + report.errors().get(0).reason();
                throw new IllegalStateException("benchmark import catalogued " + imported + " of " + files + " files" + first);
            }
            double mb = bytes / 1e6;
            return new Result(name, files, imported, mb, seconds, files / seconds, mb / seconds, hashSeconds, seconds / hashSeconds);
        } finally {
            FileTrees.deleteTree(in);
            FileTrees.deleteTree(wsDir);
        }
    }

    private static void generate(int files, int rows, int columns, Path dir, int threads) throws Exception {
        org.glassbox.core.model.PixelDescription d =
                new org.glassbox.core.model.PixelDescription(rows, columns, 1, 1, 16, 12, 11, false, "MONOCHROME2");
        int[] samples = new int[rows * columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                samples[r * columns + c] = ((r * 3 + c * 5) ^ (r * c)) & 0xFFF;
            }
        }
        // FramePixels never exposes or mutates its samples, so one frame serves every file.
        org.glassbox.core.model.FramePixels frame = new org.glassbox.core.model.FramePixels(d, 0, samples);
        DicomWriter writer = Dicom.writer();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int i = 0; i < files; i++) {
                int k = i;
                jobs.add(pool.submit(() -> {
                    String study = "2.25." + (1_000_000 + k / 4);
                    DicomDataset ds = cleanHeader("2.25." + (9_000_000 + k), study + ".1", study).toBuilder()
                            .put(DicomTags.InstanceNumber, "IS", String.valueOf(k % 4 + 1))
                            .put(DicomTags.SamplesPerPixel, "US", "1").put(DicomTags.PhotometricInterpretation, "CS", "MONOCHROME2")
                            .put(DicomTags.Rows, "US", String.valueOf(rows)).put(DicomTags.Columns, "US", String.valueOf(columns))
                            .put(DicomTags.BitsAllocated, "US", "16").put(DicomTags.BitsStored, "US", "12")
                            .put(DicomTags.HighBit, "US", "11").put(DicomTags.PixelRepresentation, "US", "0").build();
                    writer.write(ds, List.of(frame), dir.resolve(String.format("img%06d.dcm", k)));
                    return null;
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static double hashAll(List<Path> files, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            List<Future<String>> jobs = new ArrayList<>();
            for (Path p : files) {
                jobs.add(pool.submit(() -> ContentHash.sha256(p)));
            }
            for (Future<String> f : jobs) {
                f.get();
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }

}
