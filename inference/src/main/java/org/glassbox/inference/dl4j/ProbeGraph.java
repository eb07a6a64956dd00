package org.glassbox.inference.dl4j;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A ComputationGraph that can backpropagate an external epsilon after an inference-mode forward
 * pass and hand out the epsilons it left on its vertices.
 *
 * <p>Why a subclass: DL4J 1.0.0-M2.1's {@code ComputationGraph} has no {@code calculateGradients},
 * and its public {@code backpropGradient} re-runs the forward pass in <em>training</em> mode (batch
 * statistics for batch norm, dropout on) and clears the vertices' epsilons afterwards. The
 * protected {@code calcBackpropGradients} with {@code clearLayers = false} keeps them, so after an
 * inference-mode {@code feedForward} that keeps layer inputs, each vertex's epsilon is d(target) /
 * d(that vertex's output), and an input vertex's epsilon is d(target) / d(input). The graph must
 * end in loss-free layers (see {@link InferenceGraphs}) and run without workspaces, so the
 * epsilons stay valid after the call.
 */
final class ProbeGraph extends ComputationGraph {

    ProbeGraph(ComputationGraphConfiguration configuration) {
        super(configuration);
    }

    /**
     * Backpropagates {@code outputEpsilon} (the gradient of the scalar of interest with respect to
     * the graph's single output) from the state left by {@code feedForward(x, false, false)}.
     */
    void backpropagate(INDArray outputEpsilon) {
        if (getFlattenedGradients() == null) {
            initGradientsView();
        }
        calcBackpropGradients(false, false, outputEpsilon);
    }
}
