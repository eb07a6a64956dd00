package org.glassbox.inference.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The part of an ONNX graph above one layer, as its own SameDiff graph: the layer is a placeholder,
 * and so is every other runtime tensor from below that the upper part reads (a residual branch, a
 * skip connection — "cuts"). Used for gradients of an output with respect to the layer only
 * (Grad-CAM): the full graph runs forward eagerly up to the layer and the cuts (about one forward
 * pass), then SameDiff differentiates only the head, which for a CAM layer near the output is a
 * handful of ops. Built by {@link OnnxGraphCompiler#compileHead}. Not thread-safe.
 */
final class HeadGraph {
    private static final String MASK = "glassbox_head_mask";
    private static final String ANCHOR = "glassbox_head_anchor";

    private final SameDiff sd;
    private final String layer;
    private final String layerVar;
    private final Map<String, String> cuts;
    private final String outputVar;

    /**
     * @param placeholders ONNX name → SameDiff placeholder, the layer's first, then the cuts
     * @param output       the output's value in this graph (it must depend on the layer)
     */
    HeadGraph(SameDiff sd, String layer, Map<String, String> placeholders, Value.Symbolic output) {
        this.sd = sd;
        this.layer = layer;
        this.layerVar = placeholders.get(layer);
        Map<String, String> rest = new LinkedHashMap<>(placeholders);
        rest.remove(layer);
        this.cuts = Map.copyOf(rest);
        // As CompiledGraph: a mask of the output's full shape, and a zero trainable scalar because
        // SameDiff will not differentiate a graph without a VARIABLE.
        SDVariable mask = sd.placeHolder(MASK, DataType.FLOAT, output.shape());
        SDVariable anchor = sd.var(ANCHOR, org.nd4j.linalg.factory.Nd4j.scalar(0f));
        SDVariable loss = sd.sum(output.variable().mul(mask)).add("glassbox_head_loss", anchor);
        sd.setLossVariables(loss);
        // Only the layer needs a gradient; the cuts are constants of this computation.
        GradFunctions.create(sd, layerVar);
        this.outputVar = output.variable().name();
    }

    /** ONNX names the full graph must compute for {@link #gradient}: the layer first, then the cuts. */
    List<String> feeds() {
        List<String> names = new ArrayList<>();
        names.add(layer);
        names.addAll(cuts.keySet());
        return names;
    }

    /** Number of ops above the layer (for messages and tests). */
    int opCount() {
        return sd.getOps().size();
    }

    /**
     * @param fed  every name of {@link #feeds()} → its value from the full graph's forward pass
     * @param mask the output's shape, 1 where the summed logits are
     * @return the output and d sum(output ⊙ mask) / d layer
     */
    INDArray[] gradient(Map<String, INDArray> fed, INDArray mask) {
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(layerVar, fed.get(layer));
        for (Map.Entry<String, String> c : cuts.entrySet()) {
            feed.put(c.getValue(), fed.get(c.getKey()));
        }
        feed.put(MASK, mask);
        OutAndGrad r = sd.calculateGradientsAndOutputs(feed, List.of(outputVar), List.of(layerVar));
        INDArray g = r.getGradients().get(layerVar);
        if (g == null) {
            throw new IllegalStateException("SameDiff returned no gradient for layer '" + layer + "'");
        }
        return new INDArray[] {r.getOutputs().get(outputVar), g};
    }
}
