package org.glassbox.inference.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.glassbox.inference.onnx.proto.OnnxProto.ModelProto;
import org.glassbox.inference.onnx.proto.OnnxProto.NodeProto;
import org.glassbox.inference.onnx.proto.OnnxProto.TensorProto;
import org.glassbox.inference.onnx.proto.OnnxProto.ValueInfoProto;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs the ONNX backend node test cases (Debian {@code libonnx-testdata}) for GlassBox's op set:
 * each case's model is compiled for the shapes of its test inputs, run, and every output compared
 * with the expected one as ONNX's runner does ({@code |actual - expected| <= atol + rtol * |expected|},
 * here rtol = atol = 1e-4). Integer inputs (shapes, indices, axes) are folded at load time, as the
 * engine does for everything shape-like. Cases outside the scope are skipped with the reason.
 *
 * <p>{@code main} prints the markdown report (docs/onnx-conformance.md).
 */
final class OnnxConformance {
    static final Path NODE_TESTS = Path.of("/usr/share/libonnx-testdata/data/node");
    static final double RTOL = 1e-4;
    static final double ATOL = 1e-4;

    /** Test-name prefixes (after "test_") → the op they exercise. Longest prefix wins. */
    static final Map<String, String> PREFIXES = Map.ofEntries(
            Map.entry("conv", "Conv"), Map.entry("basic_conv", "Conv"),
            Map.entry("batchnorm", "BatchNormalization"), Map.entry("relu", "Relu"), Map.entry("sigmoid", "Sigmoid"),
            Map.entry("softmax", "Softmax"), Map.entry("maxpool", "MaxPool"), Map.entry("averagepool", "AveragePool"),
            Map.entry("globalaveragepool", "GlobalAveragePool"), Map.entry("concat", "Concat"), Map.entry("add", "Add"),
            Map.entry("sub", "Sub"), Map.entry("mul", "Mul"), Map.entry("div", "Div"), Map.entry("pow", "Pow"),
            Map.entry("sqrt", "Sqrt"), Map.entry("erf", "Erf"), Map.entry("gemm", "Gemm"), Map.entry("matmul", "MatMul"),
            Map.entry("flatten", "Flatten"), Map.entry("reshape", "Reshape"), Map.entry("transpose", "Transpose"),
            Map.entry("constant_pad", "Pad"), Map.entry("edge_pad", "Pad"), Map.entry("reflect_pad", "Pad"),
            Map.entry("clip", "Clip"), Map.entry("reduce_mean", "ReduceMean"),
            Map.entry("layer_normalization", "LayerNormalization"), Map.entry("slice", "Slice"),
            Map.entry("gather", "Gather"), Map.entry("shape", "Shape"), Map.entry("unsqueeze", "Unsqueeze"),
            Map.entry("squeeze", "Squeeze"), Map.entry("constant", "Constant"), Map.entry("identity", "Identity"),
            Map.entry("dropout", "Dropout"), Map.entry("equal", "Equal"), Map.entry("where", "Where"));

    enum Status { PASS, FAIL, SKIP }

    record CaseResult(String name, String op, Status status, String detail) {
    }

    /** The op a test directory exercises, or null when it is not one of ours. */
    static String opOf(String dirName) {
        if (!dirName.startsWith("test_")) {
            return null;
        }
        String n = dirName.substring(5);
        String best = null;
        for (String p : PREFIXES.keySet()) {
            if ((n.equals(p) || n.startsWith(p + "_")) && (best == null || p.length() > best.length())) {
                best = p;
            }
        }
        return best == null ? null : PREFIXES.get(best);
    }

    static List<Path> caseDirs() throws IOException {
        if (!Files.isDirectory(NODE_TESTS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(NODE_TESTS)) {
            return s.filter(p -> opOf(p.getFileName().toString()) != null).sorted().toList();
        }
    }

    /** System property: also run every case through SameDiff and require equal outputs (eager vs reference). */
    static final String CROSS_CHECK = "glassbox.onnx.crossCheck";

    /**
     * @param crossCheck also run the case through SameDiff's session and require the eager outputs to
     *                   equal it (EagerCrossCheck's tolerance)
     */
    static CaseResult run(Path dir, boolean crossCheck) {
        String name = dir.getFileName().toString();
        String op = opOf(name);
        try {
            return runChecked(dir, name, op, crossCheck);
        } catch (IOException | RuntimeException e) {
            return new CaseResult(name, op, Status.FAIL, e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static CaseResult runChecked(Path dir, String name, String op, boolean crossCheck) throws IOException {
        ModelProto model = OnnxModelFile.read(dir.resolve("model.onnx"));
        TreeSet<String> missing = new TreeSet<>();
        for (NodeProto n : model.getGraph().getNodeList()) {
            if (OnnxOpSet.converter(n.getOpType()) == null) {
                missing.add(n.getOpType());
            }
        }
        if (!missing.isEmpty()) {
            return new CaseResult(name, op, Status.SKIP, "uses ops outside the set: " + String.join(", ", missing));
        }
        String scope = outOfScope(model);
        if (scope != null) {
            return new CaseResult(name, op, Status.SKIP, scope);
        }
        OnnxGraphCompiler compiler = new OnnxGraphCompiler(model, dir.toString());
        List<ValueInfoProto> inputs = compiler.runtimeInputs();
        List<Path> sets;
        try (Stream<Path> s = Files.list(dir)) {
            sets = s.filter(p -> p.getFileName().toString().startsWith("test_data_set_")).sorted().toList();
        }
        int compared = 0;
        for (Path set : sets) {
            Map<String, long[]> shapes = new LinkedHashMap<>();
            Map<String, INDArray> known = new LinkedHashMap<>();
            Map<String, INDArray> feed = new LinkedHashMap<>();
            for (int i = 0; i < inputs.size(); i++) {
                Path f = set.resolve("input_" + i + ".pb");
                if (!Files.exists(f)) {
                    continue; // optional input left out
                }
                TensorProto t = readTensor(f);
                if (t.getDataType() != 1 && t.getDataType() != 7 && t.getDataType() != 9) {
                    return new CaseResult(name, op, Status.SKIP, "input dtype " + TensorProtos.typeName(t.getDataType()) + " (only float32/int64/bool)");
                }
                INDArray a = toArray(t, f);
                String in = inputs.get(i).getName();
                if (t.getDataType() != 1) {
                    known.put(in, a);
                } else {
                    shapes.put(in, a.shape());
                    feed.put(in, a);
                }
            }
            List<String> outNames = model.getGraph().getOutputList().stream().map(ValueInfoProto::getName).toList();
            List<INDArray> expected = new ArrayList<>();
            for (int i = 0; i < outNames.size(); i++) {
                TensorProto t = readTensor(set.resolve("output_" + i + ".pb"));
                if (t.getDataType() != 1 && t.getDataType() != 7 && t.getDataType() != 9) {
                    return new CaseResult(name, op, Status.SKIP, "output dtype " + TensorProtos.typeName(t.getDataType()) + " (only float32/int64/bool)");
                }
                expected.add(toArray(t, set.resolve("output_" + i + ".pb")));
            }
            CompiledGraph g = compiler.compile(shapes, known);
            Map<String, INDArray> actual = g.run(feed, outNames);
            Map<String, INDArray> reference = crossCheck ? g.run(feed, outNames, CompiledGraph.Executor.SAMEDIFF, null) : null;
            g.close();
            for (int i = 0; i < outNames.size(); i++) {
                String mismatch = compare(actual.get(outNames.get(i)), expected.get(i));
                if (mismatch != null) {
                    return new CaseResult(name, op, Status.FAIL, set.getFileName() + " output '" + outNames.get(i) + "': " + mismatch);
                }
                if (crossCheck) {
                    String differs = EagerCrossCheck.differs(actual.get(outNames.get(i)), reference.get(outNames.get(i)));
                    if (differs != null) {
                        return new CaseResult(name, op, Status.FAIL, set.getFileName() + " output '" + outNames.get(i)
                                + "': eager and SameDiff execution differ: " + differs);
                    }
                }
                compared++;
            }
        }
        if (compared == 0) {
            return new CaseResult(name, op, Status.FAIL, "no outputs compared");
        }
        return new CaseResult(name, op, Status.PASS, compared + " output(s)");
    }

    /** Reasons a case is outside the engine's scope (inference, 1-D/2-D spatial ops, tensors only). */
    private static String outOfScope(ModelProto model) {
        for (ValueInfoProto v : model.getGraph().getInputList()) {
            if (!v.getType().hasTensorType()) {
                return "input '" + v.getName() + "' is not a tensor (sequence/optional types)";
            }
        }
        for (NodeProto n : model.getGraph().getNodeList()) {
            for (var a : n.getAttributeList()) {
                if (a.getName().equals("training_mode") && a.getI() != 0) {
                    return "training mode (inference engine)";
                }
            }
            if (n.getOpType().equals("Dropout") && n.getInputCount() >= 3 && !n.getInput(2).isEmpty()) {
                return "training_mode input (inference engine)";
            }
            if (n.getOpType().equals("MaxPool") && n.getOutputCount() > 1 && !n.getOutput(1).isEmpty()) {
                return "MaxPool Indices output";
            }
        }
        for (ValueInfoProto v : model.getGraph().getInputList()) {
            var t = v.getType().getTensorType();
            if (t.hasShape() && t.getShape().getDimCount() == 5
                    && model.getGraph().getNodeList().stream().anyMatch(n -> n.getOpType().matches("Conv|MaxPool|AveragePool"))) {
                return "3-D convolution/pooling (NCDHW)";
            }
        }
        return null;
    }

    static TensorProto readTensor(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            return TensorProto.parseFrom(in);
        }
    }

    private static INDArray toArray(TensorProto t, Path f) throws IOException {
        try {
            return TensorProtos.toArray(t);
        } catch (OnnxFormatException e) {
            throw new IOException(f + ": " + e.getMessage(), e);
        }
    }

    /** Null when equal within tolerance, else a short description of the first difference. */
    static String compare(INDArray actual, INDArray expected) {
        if (actual == null) {
            return "not produced";
        }
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            return "shape " + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(expected.shape());
        }
        if (expected.length() == 0) {
            return null;
        }
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').reshape(actual.length()).toDoubleVector();
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').reshape(expected.length()).toDoubleVector();
        for (int i = 0; i < a.length; i++) {
            boolean bothNan = Double.isNaN(a[i]) && Double.isNaN(e[i]);
            if (!bothNan && !(Math.abs(a[i] - e[i]) <= ATOL + RTOL * Math.abs(e[i]))) {
                return "element " + i + " is " + a[i] + ", expected " + e[i];
            }
        }
        return null;
    }

    /** Markdown report: pass/total per op, then skipped and failed cases with reasons. */
    static String report(List<CaseResult> results) {
        Map<String, int[]> perOp = new TreeMap<>();
        for (CaseResult r : results) {
            int[] c = perOp.computeIfAbsent(r.op(), k -> new int[3]);
            c[r.status().ordinal()]++;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# ONNX conformance of the GlassBox ONNX engine\n\n");
        sb.append("Generated by `OnnxConformance` (inference/src/test/java/org/glassbox/inference/onnx) over the ONNX backend\n");
        sb.append("node test cases of Debian `libonnx-testdata` (").append(NODE_TESTS).append(").\n");
        sb.append("A case passes when every output matches within |actual − expected| ≤ 1e-4 + 1e-4·|expected|.\n");
        sb.append("In scope = run (passed or failed); skipped cases are listed below with the reason.\n\n");
        sb.append("| Op | passed / in scope | skipped |\n|---|---|---|\n");
        int pass = 0;
        int scope = 0;
        int skip = 0;
        for (var e : perOp.entrySet()) {
            int[] c = e.getValue();
            sb.append("| ").append(e.getKey()).append(" | ").append(c[0]).append(" / ").append(c[0] + c[1]).append(" | ").append(c[2]).append(" |\n");
            pass += c[0];
            scope += c[0] + c[1];
            skip += c[2];
        }
        sb.append("| **all** | **").append(pass).append(" / ").append(scope).append("** | ").append(skip).append(" |\n\n");
        sb.append("## Skipped\n\n");
        for (CaseResult r : results) {
            if (r.status() == Status.SKIP) {
                sb.append("- `").append(r.name()).append("` (").append(r.op()).append("): ").append(r.detail()).append('\n');
            }
        }
        sb.append("\n## Failed\n\n");
        boolean any = false;
        for (CaseResult r : results) {
            if (r.status() == Status.FAIL) {
                sb.append("- `").append(r.name()).append("` (").append(r.op()).append("): ").append(r.detail()).append('\n');
                any = true;
            }
        }
        if (!any) {
            sb.append("None.\n");
        }
        return sb.toString();
    }

    static List<CaseResult> runAll(boolean crossCheck) throws IOException {
        List<CaseResult> results = new ArrayList<>();
        for (Path dir : caseDirs()) {
            results.add(run(dir, crossCheck));
        }
        return results;
    }

    public static void main(String[] args) throws IOException {
        String md = report(runAll(Boolean.getBoolean(CROSS_CHECK)));
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), md);
        }
        System.out.print(md);
    }
}
