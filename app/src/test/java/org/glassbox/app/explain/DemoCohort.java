package org.glassbox.app.explain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.imaging.PlanarImage;
import org.glassbox.core.npy.NpyIO;
import org.glassbox.core.synth.CohortSummary;
import org.glassbox.core.synth.TruthRow;
import org.glassbox.inference.engine.Engines;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.pkg.ModelManifest;
import org.glassbox.inference.pkg.ModelPackage;
import org.glassbox.inference.pkg.ModelPackageLoader;
import org.glassbox.inference.preprocess.DicomPreprocessor;
import org.glassbox.inference.preprocess.PreprocessingSpecs;

/** The shipped demo models and a generated cohort's images as their inputs (test helper). */
final class DemoCohort {
    static final Path MODELS = Path.of("../resources/src/main/resources/org/glassbox/resources/models");

    private DemoCohort() {
    }

    /** A loaded demo model with its manifest. */
    record Demo(LoadedModel model, ModelManifest manifest) implements AutoCloseable {
        Tensor input(Path dicom) throws Exception {
            PlanarImage img = new DicomPreprocessor(Dicom.reader(), PreprocessingSpecs.of(manifest), manifest.inputShape()).prepare(dicom);
            return new Tensor(new int[] {img.channels(), img.height(), img.width()}, img.data());
        }

        int label(String name) {
            return manifest.labels().indexOf(name);
        }

        @Override
        public void close() {
            model.close();
        }
    }

    static Demo load(String name) throws IOException {
        try (ModelPackage pkg = new ModelPackageLoader().open(MODELS.resolve(name).toAbsolutePath().normalize())) {
            return new Demo(Engines.discover().load(pkg), pkg.manifest());
        }
    }

    /**
     * A cohort mask (uint8 at the source grid) on the model's h × w grid: a cell is inside when any
     * source pixel under it is, then grown by {@code marginPx} cells (Chebyshev distance).
     */
    static float[] maskOnGrid(Path maskFile, int h, int w, int marginPx) throws IOException {
        var a = NpyIO.read(maskFile);
        int rows = a.shape()[0];
        int columns = a.shape()[1];
        byte[] m = a.toByteArray();
        boolean[] any = new boolean[h * w];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                if (m[r * columns + c] != 0) {
                    any[(int) ((long) r * h / rows) * w + (int) ((long) c * w / columns)] = true;
                }
            }
        }
        float[] out = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                search:
                for (int dy = -marginPx; dy <= marginPx; dy++) {
                    for (int dx = -marginPx; dx <= marginPx; dx++) {
                        int yy = y + dy;
                        int xx = x + dx;
                        if (yy >= 0 && yy < h && xx >= 0 && xx < w && any[yy * w + xx]) {
                            out[y * w + x] = 1;
                            break search;
                        }
                    }
                }
            }
        }
        return out;
    }

    static List<TruthRow> rows(CohortSummary s) {
        return new ArrayList<>(s.rows());
    }

    static boolean exists(Path p) {
        return Files.isRegularFile(p);
    }
}
