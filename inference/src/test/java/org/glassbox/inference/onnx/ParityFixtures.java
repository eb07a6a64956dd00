package org.glassbox.inference.onnx;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.npy.NpyArray;
import org.glassbox.core.npy.NpyIO;
import org.junit.jupiter.api.Assumptions;

/**
 * The PyTorch parity fixtures (ONNX models, reference input, logits, ResNet-18 layer4 gradients),
 * generated on demand by {@code src/test/python/make_parity_models.py} with Debian's
 * {@code /usr/bin/python3} into {@code target/parity-models} (override with
 * {@code -Dglassbox.parityModels=DIR}). The script itself decides whether its outputs are up to
 * date (script hash recorded in parity.json), so calling {@link #ensure()} again costs a second.
 *
 * <p>Missing python3-torch fails the test with a message naming the Debian packages; only with
 * {@code -Dglassbox.allowMissingTools=true} does it abort (skip) instead, so CI cannot pass by
 * silently skipping parity.
 */
final class ParityFixtures {
    static final List<String> MODELS = List.of("resnet18", "resnet50", "densenet121", "vit_b_16");
    static final String PYTHON = "/usr/bin/python3";
    static final String PACKAGES = "python3-torch python3-torchvision python3-onnx python3-numpy";
    private static final int EXIT_MISSING_TOOLS = 3;
    private static final long TIMEOUT_MINUTES = 20;

    private final Path dir;
    private final JsonNode meta;

    private ParityFixtures(Path dir, JsonNode meta) {
        this.dir = dir;
        this.meta = meta;
    }

    /** Generates the fixtures if needed and reads parity.json. */
    static ParityFixtures ensure() throws IOException, InterruptedException {
        Path base = Path.of(System.getProperty("basedir", "."));
        Path script = base.resolve("src/test/python/make_parity_models.py");
        Path dir = Path.of(System.getProperty("glassbox.parityModels", base.resolve("target/parity-models").toString()));
        if (!Files.isRegularFile(script)) {
            fail("parity generator not found: " + script.toAbsolutePath());
        }
        Files.createDirectories(dir);
        Path log = dir.resolve("make_parity_models.log");
        ProcessBuilder pb = new ProcessBuilder(PYTHON, script.toString(), dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            missingTools(PYTHON + " cannot be started (" + e.getMessage() + ")");
            throw new AssertionError("unreachable");
        }
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(script + " did not finish within " + TIMEOUT_MINUTES + " min; log: " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.print(output);
        if (process.exitValue() == EXIT_MISSING_TOOLS) {
            missingTools(output.strip());
        } else if (process.exitValue() != 0) {
            fail(script + " exited with " + process.exitValue() + ":\n" + tail(output, 3000));
        }
        return new ParityFixtures(dir, new ObjectMapper().readTree(dir.resolve("parity.json").toFile()));
    }

    private static void missingTools(String reason) {
        String message = "PyTorch parity needs Debian's " + PYTHON + " with " + PACKAGES + " (apt-get install " + PACKAGES
                + "): " + reason;
        if (Boolean.getBoolean("glassbox.allowMissingTools")) {
            Assumptions.abort(message + " — skipped because glassbox.allowMissingTools=true");
        }
        fail(message + " — set -Dglassbox.allowMissingTools=true to skip instead");
    }

    private static String tail(String s, int chars) {
        return s.length() <= chars ? s : "…" + s.substring(s.length() - chars);
    }

    Path dir() {
        return dir;
    }

    JsonNode meta() {
        return meta;
    }

    JsonNode model(String name) {
        JsonNode m = meta.path("models").path(name);
        if (m.isMissingNode()) {
            fail("parity.json in " + dir + " has no model " + name);
        }
        return m;
    }

    Path onnx(String name) {
        return dir.resolve(model(name).path("onnx").asText());
    }

    Tensor input(String name) throws IOException {
        return tensor(model(name).path("input").asText());
    }

    Tensor logits(String name) throws IOException {
        return tensor(model(name).path("logits").asText());
    }

    JsonNode gradient() {
        return model("resnet18").path("gradient");
    }

    /** A float32 .npy file of the fixture folder as a tensor. */
    Tensor tensor(String file) throws IOException {
        NpyArray a = NpyIO.read(dir.resolve(file));
        return new Tensor(a.shape(), a.toFloatArray());
    }

    /** What the engine is told about a parity model: 3×224×224 in, 1000 logits out, no activation. */
    ModelDescriptor descriptor(String name) {
        JsonNode m = model(name);
        List<Integer> shape = new ArrayList<>();
        JsonNode in = m.path("input_shape");
        for (int i = 1; i < in.size(); i++) {
            shape.add(in.get(i).asInt());
        }
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < m.path("outputs").asInt(); k++) {
            labels.add("class" + k);
        }
        String sha = meta.path("files").path(m.path("onnx").asText()).path("sha256").asText();
        return new ModelDescriptor("torchvision-" + name + "-parity", "seed" + m.path("weight_seed").asInt(), sha, shape, labels,
                ModelDescriptor.OutputKind.IDENTITY);
    }
}
