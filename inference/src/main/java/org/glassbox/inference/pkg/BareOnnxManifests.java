package org.glassbox.inference.pkg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassbox.core.ai.ModelDescriptor.OutputKind;
import org.glassbox.inference.engine.ModelFormat;
import org.glassbox.inference.pkg.ModelManifest.Channels;
import org.glassbox.inference.pkg.ModelManifest.Interpolation;
import org.glassbox.inference.pkg.ModelManifest.Preprocessing;
import org.glassbox.inference.pkg.ModelManifest.Resize;
import org.glassbox.inference.pkg.ModelManifest.ResizeMode;
import org.glassbox.inference.pkg.ModelManifest.Scaling;
import org.glassbox.inference.pkg.ModelManifest.Task;
import org.glassbox.inference.pkg.ModelManifest.WindowMode;
import org.glassbox.inference.pkg.ModelManifest.Windowing;

/**
 * Synthesises the manifest of a bare .onnx file from {@link BareOnnxOptions} and the graph's own
 * input/output shapes. Defaults: grey images windowed by the file's first VOI, scaled to [0, 1],
 * resized (bilinear, exact) to H × W when square, replicated to 3 channels when C = 3, no
 * normalisation, identity output; model card fields say "unknown".
 *
 * <p>Its identity is that of the equivalent package — SHA-256 of the SHA256SUMS that
 * {@link ModelPackageWriter} would write for this model.json and this .onnx file — so changing a
 * flag (which changes what the model sees) changes the identity, and caches never mix the two.
 */
public final class BareOnnxManifests {
    static final String UNKNOWN = "unknown: a bare ONNX file without a model card";
    static final String DEFAULT_VERSION = "0-unpackaged";

    private BareOnnxManifests() {
    }

    /** @throws ModelPackageException naming the file and which flag to pass when a shape is unknown */
    public static ModelPackage open(Path onnx, BareOnnxOptions options) throws IOException {
        String fileName = onnx.getFileName().toString();
        if (fileName.equals(ModelPackageLayout.MANIFEST) || fileName.equals(ModelPackageLayout.SUMS)
                || PackageFileNames.problem(fileName) != null) {
            throw new ModelPackageException(onnx + ": rename the file (its name cannot be a package file name)");
        }
        OnnxGraphPeek.Graph graph = OnnxGraphPeek.read(onnx);
        ModelManifest manifest = synthesise(onnx, fileName, graph, options);
        ManifestJson json = new ManifestJson();
        byte[] manifestJson = json.write(manifest);
        ManifestValidator.validate(manifest, onnx + " (synthesised model.json)");
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put(ModelPackageLayout.MANIFEST, Sha256.hex(manifestJson));
        hashes.put(fileName, Sha256.hex(onnx));
        String identity = Sha256.hex(new Sha256Sums(hashes).format());
        return new ModelPackage(onnx, manifest, manifestJson, identity, onnx, true, null);
    }

    static ModelManifest synthesise(Path onnx, String fileName, OnnxGraphPeek.Graph graph, BareOnnxOptions o) throws ModelPackageException {
        if (graph.inputs().size() != 1) {
            throw new ModelPackageException(onnx + ": the graph has " + graph.inputs().size() + " inputs; GlassBox models take one image tensor [N, C, H, W]");
        }
        OnnxGraphPeek.Value input = graph.inputs().get(0);
        List<Integer> fromGraph = staticChw(input.dims());
        List<Integer> shape;
        if (o.inputShape() != null) {
            if (fromGraph != null && !fromGraph.equals(o.inputShape())) {
                throw new ModelPackageException(onnx + ": --input-shape " + o.inputShape() + " contradicts the graph input '" + input.name() + "' " + fromGraph);
            }
            shape = o.inputShape();
        } else if (fromGraph != null) {
            shape = fromGraph;
        } else {
            throw new ModelPackageException(onnx + ": the graph input '" + input.name() + "' has shape " + describe(input.dims())
                    + ", not a static [N, C, H, W]; pass --input-shape C,H,W");
        }
        long outputs = graph.outputs().isEmpty() || graph.outputs().get(0).dims().isEmpty() ? -1
                : graph.outputs().get(0).dims().get(graph.outputs().get(0).dims().size() - 1);
        List<String> labels;
        if (o.labels() != null) {
            if (outputs > 0 && outputs != o.labels().size()) {
                throw new ModelPackageException(onnx + ": --labels names " + o.labels().size() + " labels but the graph has " + outputs + " outputs");
            }
            labels = o.labels();
        } else if (outputs > 0 && outputs <= 100_000) {
            labels = new ArrayList<>();
            for (int i = 0; i < outputs; i++) {
                labels.add("output_" + i);
            }
        } else {
            throw new ModelPackageException(onnx + ": the graph's output size is not static; pass --labels A,B,…");
        }
        OutputKind output = o.output() == null ? OutputKind.IDENTITY : o.output();
        Task task = labels.size() == 1 ? Task.BINARY_CLASSIFICATION
                : output == OutputKind.SOFTMAX ? Task.MULTI_CLASS_CLASSIFICATION : Task.MULTI_LABEL_CLASSIFICATION;
        int c = shape.get(0);
        int h = shape.get(1);
        int w = shape.get(2);
        Resize resize = h == w ? new Resize(h, Interpolation.BILINEAR, ResizeMode.EXACT) : null;
        Preprocessing pre = new Preprocessing(new Windowing(WindowMode.DICOM_VOI, null, null), new Scaling(0.0, 1.0), resize, null, c == 3, null);
        String id = o.id() != null ? o.id() : defaultId(fileName);
        String version = o.version() != null ? o.version() : DEFAULT_VERSION;
        return new ModelManifest(ModelManifest.SCHEMA_VERSION, id, version, task, labels, shape, Channels.GREY, output,
                new ModelManifest.Weights(ModelFormat.ONNX, fileName), pre, null, UNKNOWN, UNKNOWN, UNKNOWN, null, null);
    }

    static String defaultId(String fileName) {
        String base = fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".onnx") ? fileName.substring(0, fileName.length() - 5) : fileName;
        String id = base.replaceAll("[^A-Za-z0-9._-]", "-");
        if (id.isEmpty() || !Character.isLetterOrDigit(id.charAt(0))) {
            id = "onnx-" + id;
        }
        return id.length() > 128 ? id.substring(0, 128) : id;
    }

    /** [C, H, W] from static [N, C, H, W] (N may be symbolic), else null. */
    private static List<Integer> staticChw(List<Long> dims) {
        if (dims.size() != 4) {
            return null;
        }
        List<Integer> chw = new ArrayList<>();
        for (int i = 1; i < 4; i++) {
            long d = dims.get(i);
            if (d <= 0 || d > Integer.MAX_VALUE) {
                return null;
            }
            chw.add((int) d);
        }
        return chw;
    }

    private static String describe(List<Long> dims) {
        if (dims.isEmpty()) {
            return "(not given)";
        }
        List<String> parts = new ArrayList<>();
        for (long d : dims) {
            parts.add(d > 0 ? Long.toString(d) : "?");
        }
        return "[" + String.join(", ", parts) + "]";
    }
}
