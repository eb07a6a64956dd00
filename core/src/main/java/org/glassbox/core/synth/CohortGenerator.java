package org.glassbox.core.synth;

import org.glassbox.core.io.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.glassbox.core.dicom.DicomWriter;
import org.glassbox.core.npy.NpyArray;
import org.glassbox.core.npy.NpyIO;

/**
 * Generates a synthetic cohort into a folder:
 * <pre>
 * OUT/truth.csv                       one row per image (see {@link TruthRow#header()})
 * OUT/dicom/&lt;SOPInstanceUID&gt;.dcm         DX For Presentation, 12 bits in 16, one study = one series = one image
 * OUT/masks/&lt;SOPInstanceUID&gt;_lungs.npy    uint8 rows×columns, 1 = lung field (every image)
 * OUT/masks/&lt;SOPInstanceUID&gt;_&lt;label&gt;.npy  uint8 rows×columns, 1 = finding (only findings present)
 * OUT/masks/&lt;SOPInstanceUID&gt;_marker.npy   uint8 rows×columns, 1 = shortcut marker disc (only images with the marker)
 * </pre>
 * The whole folder appears at once: it is built in a hidden sibling folder and renamed into place
 * when complete, so an interrupted run leaves nothing half-written under OUT. OUT must not exist or
 * be empty. The same configuration, seed and size give the same bytes, whatever the thread count:
 * every case draws from its own random streams.
 */
public final class CohortGenerator {
    /** Most studies one run may produce. */
    public static final int MAX_STUDIES = 1_000_000;

    private final DicomWriter writer;
    private final int threads;

    /**
     * @param writer  writes the DICOM files (e.g. {@code Dicom.writer()})
     * @param threads worker threads, &ge; 1
     */
    public CohortGenerator(DicomWriter writer, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        this.writer = writer;
        this.threads = threads;
    }

    /**
     * @param size 0 for each site's full detector matrix, else 64..8192 for square images of that side
     * @throws IOException when OUT is not empty or a file cannot be written; OUT is then untouched
     */
    public CohortSummary generate(CohortConfig config, Path out, int studies, long seed, int size) throws IOException {
        if (studies < 1 || studies > MAX_STUDIES) {
            throw new IllegalArgumentException("studies must be 1.." + MAX_STUDIES + ": " + studies);
        }
        if (size != 0 && (size < 64 || size > 8192)) {
            throw new IllegalArgumentException("size must be 64..8192 pixels (or 0 for full size): " + size);
        }
        long start = System.nanoTime();
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !FileTrees.isEmptyDirectory(target)) {
            throw new FileAlreadyExistsException(target + ": exists and is not an empty folder");
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path work = Files.createTempDirectory(parent, "." + target.getFileName() + ".partial-");
        try {
            Files.createDirectories(work.resolve("dicom"));
            Files.createDirectories(work.resolve("masks"));
            List<TruthRow> rows = render(config, work, studies, seed, size);
            List<String> lines = new ArrayList<>(rows.size() + 1);
            lines.add(TruthRow.header());
            rows.forEach(r -> lines.add(r.toCsv()));
            Files.write(work.resolve("truth.csv"), lines, StandardCharsets.UTF_8);
            publish(work, target);
            return summarise(target, seed, size, rows, (System.nanoTime() - start) / 1e9);
        } finally {
            FileTrees.deleteTree(work);
        }
    }

    private List<TruthRow> render(CohortConfig config, Path work, int studies, long seed, int size) throws IOException {
        CohortSampler sampler = new CohortSampler(config, seed);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "glassbox-synth");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TruthRow>> futures = new ArrayList<>(studies);
            for (int i = 0; i < studies; i++) {
                int index = i;
                futures.add(pool.submit(() -> writeCase(sampler.sample(index), work, size)));
            }
            List<TruthRow> rows = new ArrayList<>(studies);
            for (Future<TruthRow> f : futures) {
                rows.add(f.get());
            }
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("generation interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IOException("generation failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private TruthRow writeCase(CaseSpec spec, Path work, int size) throws IOException {
        RenderedCase rc = CaseRenderer.render(spec, size);
        String file = "dicom/" + spec.sopInstanceUid() + ".dcm";
        writer.write(DxDatasetFactory.build(rc), List.of(DxDatasetFactory.frame(rc)), work.resolve(file));
        ImageGeometry g = rc.geometry();
        Path masks = work.resolve("masks");
        NpyIO.write(NpyArray.ofUint8(rc.phantom().lungs(), g.rows(), g.columns()), masks.resolve(spec.sopInstanceUid() + "_lungs.npy"));
        for (Map.Entry<Finding, byte[]> m : new TreeMap<>(rc.phantom().findings()).entrySet()) {
            NpyIO.write(NpyArray.ofUint8(m.getValue(), g.rows(), g.columns()),
                    masks.resolve(spec.sopInstanceUid() + "_" + m.getKey().label() + ".npy"));
        }
        if (rc.markerMask() != null) {
            NpyIO.write(NpyArray.ofUint8(rc.markerMask(), g.rows(), g.columns()), masks.resolve(spec.sopInstanceUid() + "_marker.npy"));
        }
        SiteProfile site = spec.site();
        return new TruthRow(spec.sopInstanceUid(), spec.patientId(), spec.studyInstanceUid(), spec.seriesInstanceUid(), file,
                spec.findings(), spec.sex().dicomCode(), spec.ageYears(), spec.ageBand().label(), site.name(),
                site.manufacturer(), site.model(), spec.shortcutMarker(), g.rows(), g.columns(), g.spacingMm(),
                rc.cardiothoracicRatio());
    }

    private static CohortSummary summarise(Path out, long seed, int size, List<TruthRow> rows, double seconds) {
        Map<String, Integer> labels = new TreeMap<>();
        for (Finding f : Finding.values()) {
            labels.put(f.label(), (int) rows.stream().filter(r -> r.findings().contains(f)).count());
        }
        Map<String, Integer> sites = new TreeMap<>();
        rows.forEach(r -> sites.merge(r.site(), 1, Integer::sum));
        int shortcut = (int) rows.stream().filter(TruthRow::shortcut).count();
        return new CohortSummary(out, seed, size, rows, labels, sites, shortcut, seconds);
    }

    /** Renames the finished folder into place (replacing an empty target folder). */
    private static void publish(Path work, Path target) throws IOException {
        try {
            Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException | DirectoryNotEmptyException e) {
            if (!FileTrees.isEmptyDirectory(target)) {
                throw new FileAlreadyExistsException(target + ": exists and is not an empty folder");
            }
            Files.delete(target);
            Files.move(work, target);
        }
    }


}
