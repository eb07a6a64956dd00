package org.glassbox.app.trust;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.glassbox.app.cli.GlassBoxCli;
import org.glassbox.core.ai.ModelDescriptor.OutputKind;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomFile;
import org.glassbox.core.dicom.DicomTags;
import org.glassbox.core.model.FramePixels;
import org.glassbox.inference.engine.ModelFormat;
import org.glassbox.inference.pkg.ModelManifest;
import org.glassbox.inference.pkg.ModelPackageWriter;

/** Inputs shared by the trust tests: a small cohort (half of it identifying), model packages, a CLI runner. */
final class TrustFixtures {
    /** The committed tiny ONNX CNN (1 × 16 × 16 → 3 logits), relative to the app module. */
    static final Path TINY_ONNX = Path.of("../inference/src/test/resources/onnx/tiny_cnn.onnx");
    /** The shipped DL4J demo model (runs ND4J + DL4J, the libraries most likely to phone home). */
    static final Path DEMO_V1 = Path.of("../resources/src/main/resources/org/glassbox/resources/models/demo-v1");
    static final Path DEMO_V2 = Path.of("../resources/src/main/resources/org/glassbox/resources/models/demo-v2");
    private static final String POOL = "/pool/MaxPool_output_0";

    private TrustFixtures() {
    }

    /** What a CLI run printed. */
    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GlassBoxCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * Generates {@code studies} synthetic studies into {@code dir}/dicom and makes every other file
     * identifying (a patient name, no PatientIdentityRemoved), so {@code --policy deidentify}
     * rewrites half of them into de-identified copies.
     *
     * @return the folder holding the DICOM files
     */
    static Path cohort(Path dir, int studies, int size, long seed) throws Exception {
        Run g = cli("generate", "--out", dir.toString(), "--studies", String.valueOf(studies), "--size", String.valueOf(size),
                "--seed", String.valueOf(seed));
        if (g.exitCode() != 0) {
            throw new IllegalStateException("generate failed: " + g);
        }
        Path dicom = dir.resolve("dicom");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dicom)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (int i = 0; i < files.size(); i += 2) {
            makeIdentifying(files.get(i));
        }
        return dicom;
    }

    private static void makeIdentifying(Path file) throws Exception {
        DicomFile f = Dicom.reader().open(file);
        List<FramePixels> frames = new ArrayList<>();
        for (int k = 0; k < f.pixelDescription().frames(); k++) {
            frames.add(f.frame(k));
        }
        DicomDataset ds = f.dataset().toBuilder().put(DicomTags.PatientName, "PN", "Doe^Jane").remove(DicomTags.PatientIdentityRemoved).build();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Dicom.writer().write(ds, frames, tmp);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Packages the tiny ONNX CNN (16 × 16 input, area resize, Max-pool embedding) into {@code dir}. */
    static Path tinyPackage(Path dir) throws Exception {
        ModelManifest manifest = new ModelManifest(1, "tiny-cnn", "1.0.0", ModelManifest.Task.MULTI_CLASS_CLASSIFICATION, List.of("a", "b", "c"),
                List.of(1, 16, 16), ModelManifest.Channels.GREY, OutputKind.SOFTMAX, new ModelManifest.Weights(ModelFormat.ONNX, "model.onnx"),
                new ModelManifest.Preprocessing(new ModelManifest.Windowing(ModelManifest.WindowMode.DICOM_VOI, null, null),
                        new ModelManifest.Scaling(-1.0, 1.0), new ModelManifest.Resize(16, ModelManifest.Interpolation.AREA, null), null, false,
                        null),
                new ModelManifest.Explain(POOL, POOL), "MIT", "Tests only.", "Random weights (PyTorch seed), no training data.", null, null);
        ModelPackageWriter.forManifest(manifest).weights(TINY_ONNX).writeFolder(dir);
        return dir;
    }
}
