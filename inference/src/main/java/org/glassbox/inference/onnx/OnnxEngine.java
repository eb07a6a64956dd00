package org.glassbox.inference.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.engine.ModelEngine;
import org.glassbox.inference.engine.ModelFormat;
import org.glassbox.inference.onnx.proto.OnnxProto.ModelProto;
import org.glassbox.inference.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * Loads ONNX models and executes them with ND4J: each graph is mapped op by op onto SameDiff
 * (ADR 0006), which runs it and differentiates it. The model must have one float32 runtime input
 * N × C × H × W matching the descriptor's input shape; its first graph output holds the logits,
 * N × labels.
 */
public final class OnnxEngine implements ModelEngine {

    @Override
    public ModelFormat format() {
        return ModelFormat.ONNX;
    }

    @Override
    public LoadedModel load(Path weights, ModelDescriptor descriptor, String targetLayer) throws IOException {
        ModelProto model = OnnxModelFile.read(weights);
        OnnxGraphCompiler compiler = new OnnxGraphCompiler(model, weights.toString());
        List<ValueInfoProto> inputs = compiler.runtimeInputs();
        if (inputs.size() != 1) {
            throw new IOException(weights + ": expected one runtime input, the model has " + inputs.size());
        }
        ValueInfoProto input = inputs.get(0);
        long[] declared = OnnxGraphCompiler.declaredShape(input);
        List<Integer> chw = descriptor.inputShape();
        if (declared != null) {
            boolean fits = declared.length == chw.size() + 1;
            for (int i = 0; fits && i < chw.size(); i++) {
                fits = declared[i + 1] < 0 || declared[i + 1] == chw.get(i);
            }
            if (!fits) {
                throw new IOException(weights + ": input '" + input.getName() + "' is declared " + Arrays.toString(declared)
                        + ", the descriptor says N×" + chw);
            }
        }
        long fixedBatch = declared != null && declared[0] > 0 ? declared[0] : -1;
        if (model.getGraph().getOutputCount() == 0) {
            throw new IOException(weights + ": the model has no outputs");
        }
        String output = model.getGraph().getOutput(0).getName();
        OnnxLoadedModel loaded = new OnnxLoadedModel(compiler, descriptor, targetLayer, input.getName(), output, fixedBatch, weights.toString());
        // Build once now: unknown ops and bad shapes fail at load, not at the first image.
        CompiledGraph first = loaded.graphFor(fixedBatch > 0 ? (int) fixedBatch : 1);
        long[] out = first.shape(output);
        if (out.length != 2 || out[1] != descriptor.labels().size()) {
            loaded.close();
            throw new IOException(weights + ": output '" + output + "' has shape " + Arrays.toString(out) + " for one image; the descriptor has "
                    + descriptor.labels().size() + " labels");
        }
        if (targetLayer != null && !first.layers().contains(targetLayer)) {
            loaded.close();
            throw new IOException(weights + ": target layer '" + targetLayer + "' is not a node output of the model");
        }
        return loaded;
    }

    /** Compiles every graph input at the given shapes — used by tools and tests. */
    static CompiledGraph compile(Path file, Map<String, long[]> shapes) throws IOException {
        return new OnnxGraphCompiler(OnnxModelFile.read(file), file.toString()).compile(shapes, Map.of());
    }
}
