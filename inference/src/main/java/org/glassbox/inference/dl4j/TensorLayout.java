package org.glassbox.inference.dl4j;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where a graph's image tensors differ from core's layout. Core's tensors are always N × C × H × W
 * (NCHW); a graph imported from Keras with {@code channels_last} runs on N × H × W × C (NHWC), both
 * at its input and at every convolutional layer. The graph is left as imported (its weights and
 * its flatten/dense layers assume its own layout); this class permutes at the boundary instead: the
 * input batch on the way in, and the activations, layer gradients and input gradients of NHWC
 * vertices on the way out. Non-image (rank ≠ 4) arrays pass through untouched.
 */
final class TensorLayout {
    private static final TensorLayout NCHW = new TensorLayout(false, Set.of());

    private final boolean inputChannelsLast;
    private final Set<String> channelsLastVertices;

    private TensorLayout(boolean inputChannelsLast, Set<String> channelsLastVertices) {
        this.inputChannelsLast = inputChannelsLast;
        this.channelsLastVertices = Set.copyOf(channelsLastVertices);
    }

    /** The graph runs on NCHW throughout (DL4J's own default): nothing is permuted. */
    static TensorLayout nchw() {
        return NCHW;
    }

    /**
     * The layout of {@code conf} when fed {@code input}: each vertex whose activations DL4J infers to
     * be convolutional NHWC is permuted back to NCHW on the way out.
     *
     * @throws IllegalArgumentException when DL4J cannot infer the activation types from that input
     *                                  (e.g. the channel count does not fit the first layer)
     */
    static TensorLayout of(ComputationGraphConfiguration conf, InputType input) {
        boolean inputNhwc = input instanceof InputType.InputTypeConvolutional c && c.getFormat() == CNN2DFormat.NHWC;
        Map<String, InputType> types;
        try {
            // On a clone with preprocessors left alone: this only asks, it must not change the graph.
            types = conf.clone().getLayerActivationTypes(false, false, input);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the graph does not accept input " + input + ": " + e.getMessage(), e);
        }
        Set<String> nhwc = new HashSet<>();
        for (Map.Entry<String, InputType> e : types.entrySet()) {
            if (e.getValue() instanceof InputType.InputTypeConvolutional c && c.getFormat() == CNN2DFormat.NHWC) {
                nhwc.add(e.getKey());
            }
        }
        if (inputNhwc) {
            nhwc.addAll(conf.getNetworkInputs());
        }
        return new TensorLayout(inputNhwc, nhwc);
    }

    /** The graph's input for a batch given as NCHW (a fresh c-ordered array when permuted). */
    INDArray toGraphInput(INDArray nchw) {
        return inputChannelsLast && nchw.rank() == 4 ? nchw.permute(0, 2, 3, 1).dup('c') : nchw;
    }

    /** {@code array} (activations or gradient of {@code vertex}, in the graph's layout) as NCHW. */
    INDArray toNchw(String vertex, INDArray array) {
        return channelsLastVertices.contains(vertex) && array.rank() == 4 ? array.permute(0, 3, 1, 2).dup('c') : array;
    }

    /** Whether the graph's input is channels-last (for the execution summary). */
    boolean inputChannelsLast() {
        return inputChannelsLast;
    }
}
