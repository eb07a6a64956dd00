package org.glassbox.app.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.npy.NpyArray;
import org.glassbox.core.npy.NpyIO;
import org.glassbox.core.testing.ExternalTools;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explainers;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.cam.CamExplainer;
import org.glassbox.inference.engine.Engines;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.engine.ModelFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 4 §2: Grad-CAM, Grad-CAM++ and HiResCAM on a seeded torchvision ResNet-18 (2 × 3 × 112 × 112
 * input, ONNX through GlassBox's engine) equal the maps PyTorch computes with hooks and autograd
 * ({@code make_cam_reference.py} next to the reference files in test resources), at layer4 (4 × 4,
 * the input of the global average pool) and layer3 (7 × 7, whose gradient flows back through layer4's
 * residual blocks). Measure: max |GlassBox − PyTorch| over a map ÷ max |PyTorch map| ≤ 1e-4.
 *
 * <p>The ONNX model is regenerated into {@code target/cam-reference} by the script (the committed
 * reference holds only the maps and logits, a few KB). Its PyTorch logits are first compared with
 * the committed ones, so a PyTorch/torchvision change that alters the seeded model is reported as
 * such rather than as a CAM mismatch.
 */
@Tag("heavy")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CamTorchParityTest {
    private static final double TOLERANCE = 1e-4;
    private static final String PACKAGES = "python3-torch python3-torchvision python3-onnx";
    private static final Path REFERENCE = Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/resources/org/glassbox/app/explain");

    private JsonNode reference;
    private JsonNode generated;
    private Path out;

    @BeforeAll
    void regenerateTheModel() throws Exception {
        Path python = ExternalTools.requirePython(PACKAGES, "torch", "torchvision", "onnx");
        reference = new ObjectMapper().readTree(REFERENCE.resolve("cam-reference.json").toFile());
        out = Path.of(System.getProperty("basedir", ".")).resolve("target/cam-reference");
        Files.createDirectories(out);
        Path log = out.resolve("make_cam_reference.log");
        Process p = new ProcessBuilder(python.toString(), REFERENCE.resolve("make_cam_reference.py").toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("make_cam_reference.py did not finish within 10 min; log: " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("make_cam_reference.py exit status; output:%n%s", output).isZero();
        generated = new ObjectMapper().readTree(out.resolve("cam-onnx.json").toFile());
        Tensor fresh = tensor(out.resolve("torch-logits.npy"));
        Tensor committed = tensor(REFERENCE.resolve(reference.path("logits").asText()));
        assertThat(relativeMaxError(fresh.data(), committed.data()))
                .as("PyTorch %s / torchvision %s builds another seeded ResNet-18 than the one the reference was made with "
                                + "(torch %s): regenerate the reference with make_cam_reference.py OUT --reference DIR",
                        generated.path("torch").asText(), generated.path("torchvision").asText(), reference.path("torch").asText())
                .isLessThanOrEqualTo(1e-6);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"gradcam, layer4", "gradcam++, layer4", "hirescam, layer4",
            "gradcam, layer3", "gradcam++, layer3", "hirescam, layer3"})
    void mapsEqualPyTorchs(String method, String layer) throws IOException {
        String onnxLayer = generated.path("layers").path(layer).asText();
        Tensor input = tensor(out.resolve("input.npy"));
        int target = reference.path("target").asInt();
        Tensor expected = tensor(REFERENCE.resolve(reference.path("maps").path(layer).path(method).asText()));
        try (LoadedModel model = Engines.discover().engineFor(ModelFormat.ONNX).load(out.resolve("resnet18-cam.onnx"), descriptor(input), null)) {
            CamExplainer cam = (CamExplainer) Explainers.create(ExplanationMethod.fromCliName(method), model, Map.of("layer", onnxLayer));
            List<Tensor> images = List.of(input.slice(0), input.slice(1));
            List<Explanation> maps = cam.explainAll(images, target, ExplainSettings.defaults().withBatchSize(2));
            int n = expected.dim(0);
            int size = expected.size() / n;
            Tensor logits = tensor(REFERENCE.resolve(reference.path("logits").asText()));
            for (int i = 0; i < n; i++) {
                Explanation e = maps.get(i);
                assertThat(e.featureMap().height()).isEqualTo(expected.dim(1));
                assertThat(e.featureMap().width()).isEqualTo(expected.dim(2));
                assertThat(e.imageMap().height()).isEqualTo(112);
                float[] want = java.util.Arrays.copyOfRange(expected.data(), i * size, (i + 1) * size);
                double error = relativeMaxError(e.featureMap().values(), want);
                System.out.printf("cam parity %s %s image %d: max|Δ|/max|ref| = %.2e (ref max %.4g)%n", method, layer, i, error, max(want));
                assertThat(max(want)).as("reference map is not all zero").isPositive();
                assertThat(error).as("%s on %s, image %d", method, layer, i).isLessThanOrEqualTo(TOLERANCE);
                assertThat(Math.abs(e.targetLogit() - logits.get(i * logits.dim(1) + target)) / Math.abs(max(logits.data())))
                        .as("target logit").isLessThanOrEqualTo(TOLERANCE);
            }
        }
    }

    private static ModelDescriptor descriptor(Tensor input) {
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < 1000; k++) {
            labels.add("class" + k);
        }
        return new ModelDescriptor("resnet18-cam-parity", "seed1812", "parity", List.of(input.dim(1), input.dim(2), input.dim(3)),
                labels, ModelDescriptor.OutputKind.SOFTMAX);
    }

    private static Tensor tensor(Path file) throws IOException {
        NpyArray a = NpyIO.read(file);
        return new Tensor(a.shape(), a.toFloatArray());
    }

    private static double max(float[] v) {
        double m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /** max |a − b| ÷ max |b|. */
    static double relativeMaxError(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs((double) a[i] - b[i]));
        }
        return d / max(b);
    }
}
