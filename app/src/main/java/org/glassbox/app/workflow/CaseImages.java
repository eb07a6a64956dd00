package org.glassbox.app.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.CataloguedInstance;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.dicom.DicomFile;
import org.glassbox.core.dicom.DicomReadException;
import org.glassbox.core.dicom.DicomReader;
import org.glassbox.core.dicom.PresentationParametersReader;
import org.glassbox.core.npy.NpyArray;
import org.glassbox.core.npy.NpyIO;

/**
 * Opens catalogued cases for display: the catalog says where an instance's file is; the file gives
 * its header, pixel layout and presentation (modality LUT, VOI windows, MONOCHROME1). Frames are
 * decoded one at a time on demand. No JavaFX: call off the FX thread.
 */
public final class CaseImages {
    private final Path catalogFile;
    private final DicomReader reader;

    public CaseImages(Path workspaceRoot) {
        this(workspaceRoot, Dicom.reader());
    }

    public CaseImages(Path workspaceRoot, DicomReader reader) {
        this.catalogFile = Objects.requireNonNull(workspaceRoot, "workspaceRoot").resolve("catalog.sqlite");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /**
     * Where the case's file is.
     *
     * @throws IOException when the instance is not catalogued or its file is gone
     */
    public Path fileOf(String sopInstanceUid) throws IOException {
        CataloguedInstance entry;
        try (Catalog catalog = Catalog.open(catalogFile)) {
            entry = catalog.instances().find(sopInstanceUid)
                    .orElseThrow(() -> new IOException("instance " + sopInstanceUid + " is not in the catalog"));
        }
        if (!Files.isRegularFile(entry.file())) {
            throw new IOException("the file of instance " + sopInstanceUid + " is missing (moved or deleted since import)");
        }
        return entry.file();
    }

    /**
     * The case's file, opened (header and pixel layout read; no frame decoded yet).
     *
     * @throws IOException naming the instance and the reason: not catalogued, file gone, no pixel data, unreadable
     */
    public CaseImage open(String sopInstanceUid) throws IOException {
        Path path = fileOf(sopInstanceUid);
        try {
            DicomFile file = reader.open(path);
            if (!file.hasPixelData()) {
                throw new IOException("instance " + sopInstanceUid + " has no pixel data");
            }
            return new CaseImage(sopInstanceUid, file, file.pixelDescription(), PresentationParametersReader.read(file));
        } catch (DicomReadException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * The generated cohort's truth mask for this case and label, when there is one, as read: 2-D,
     * at the source image's resolution (rows × columns), values &gt; 0.5 inside (NaN outside).
     *
     * @throws IOException when the mask exists but is unreadable or not {@code rows × columns}
     */
    public static Optional<float[]> generatedMask(CaseImage image, String label) throws IOException {
        Optional<Path> file = TruthMasks.findGenerated(image.file().path(), image.sopInstanceUid(), label);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        NpyArray a = NpyIO.read(file.get());
        int[] s = a.shape();
        if (s.length != 2 || s[0] != image.pixels().rows() || s[1] != image.pixels().columns()) {
            throw new IOException("truth mask for " + label + " is " + java.util.Arrays.toString(s) + ", the image is "
                    + image.pixels().rows() + " x " + image.pixels().columns());
        }
        double[] v = a.toDoubleArray();
        float[] mask = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            mask[i] = v[i] != 0 && !Double.isNaN(v[i]) ? 1 : 0;
        }
        return Optional.of(mask);
    }
    /**
     * The case's truth masks, by label: those that read well, and one line for each that does not.
     *
     * @param masks    the masks read, in label order (see {@link #generatedMask})
     * @param problems one line per mask that exists but could not be used, naming the label and the reason
     */
    public record GeneratedMasks(List<float[]> masks, List<String> problems) {
        public GeneratedMasks {
            masks = List.copyOf(masks);
            problems = List.copyOf(problems);
        }
    }

    /**
     * The generated cohort's truth masks for these labels. A mask is an optional overlay: one that is
     * unreadable or of the wrong size is skipped and named in {@link GeneratedMasks#problems()}, so the
     * case still opens.
     */
    public static GeneratedMasks generatedMasks(CaseImage image, List<String> labels) {
        List<float[]> masks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String label : labels) {
            try {
                generatedMask(image, label).ifPresent(masks::add);
            } catch (IOException | RuntimeException e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
                problems.add("truth mask for " + label + " skipped: " + reason);
            }
        }
        return new GeneratedMasks(masks, problems);
    }
}
