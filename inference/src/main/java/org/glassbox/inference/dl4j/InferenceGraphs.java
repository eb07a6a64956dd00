package org.glassbox.inference.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * Rewrites a trained graph into its inference form: every loss-bearing output layer becomes the
 * same computation without loss and without output activation, so the graph's output is the
 * logits (the pre-activation of the output layer) and gradients can be backpropagated from an
 * external epsilon. {@code OutputLayer} → {@code DenseLayer} with identity activation (same W and b,
 * same parameter layout); {@code LossLayer} → identity {@code ActivationLayer}. Other output layer
 * types (centre loss, RNN/CNN loss layers, …) are refused. Layer dropout is removed (it is off
 * at inference anyway).
 */
final class InferenceGraphs {
    private InferenceGraphs() {
    }

    /**
     * @param workspaces workspace mode for both training (backprop) and inference passes
     * @throws IllegalArgumentException naming the layer when an output layer type is not supported
     */
    static ComputationGraphConfiguration lossFree(ComputationGraphConfiguration trained, WorkspaceMode workspaces) {
        return rewrite(trained, workspaces, Map.of());
    }

    /**
     * {@link #lossFree} with every batch-norm layer replaced by the per-channel affine map it
     * computes at inference, y = a·x + c with a = γ/σ, c = β − a·μ: a 1×1 depthwise convolution for
     * image activations (rank 4), a dense layer with a diagonal weight matrix for vectors (rank 2).
     * Why: DL4J M2.1's {@code BatchNormalization.backpropGradient} always differentiates the
     * training-mode formula (batch statistics), which is not the derivative of the inference output.
     * Copy the parameters with {@link #copyParameters}.
     *
     * @param batchNormRanks rank of each batch-norm layer's activations (2 or 4), by layer name
     */
    static ComputationGraphConfiguration forGradients(ComputationGraphConfiguration trained, Map<String, Integer> batchNormRanks) {
        return rewrite(trained, WorkspaceMode.NONE, batchNormRanks);
    }

    private static ComputationGraphConfiguration rewrite(ComputationGraphConfiguration trained, WorkspaceMode workspaces,
                                                         Map<String, Integer> batchNormRanks) {
        ComputationGraphConfiguration c = trained.clone();
        for (Map.Entry<String, GraphVertex> e : c.getVertices().entrySet()) {
            if (!(e.getValue() instanceof LayerVertex lv)) {
                continue;
            }
            Layer layer = lv.getLayerConf().getLayer();
            // Dropout is off at inference; left in, it makes backpropagation after an inference-mode
            // forward pass fail for want of a mask (Keras import puts Dropout(p = 1.0) on every layer).
            layer.setIDropout(null);
            Layer replacement = layer instanceof BatchNormalization bn && batchNormRanks.containsKey(e.getKey())
                    ? affine(e.getKey(), bn, batchNormRanks.get(e.getKey()))
                    : replacement(e.getKey(), layer);
            if (replacement != null) {
                replacement.setLayerName(e.getKey());
                NeuralNetConfiguration nnc = lv.getLayerConf().clone();
                nnc.setLayer(replacement);
                LayerVertex nv = new LayerVertex(nnc, lv.getPreProcessor());
                e.setValue(nv);
            }
        }
        c.setTrainingWorkspaceMode(workspaces);
        c.setInferenceWorkspaceMode(workspaces);
        c.setValidateOutputLayerConfig(false);
        return c;
    }

    private static Layer affine(String name, BatchNormalization bn, int rank) {
        int n = Math.toIntExact(bn.getNOut());
        if (rank == 4) {
            return new DepthwiseConvolution2D.Builder(1, 1).nIn(n).nOut(n).depthMultiplier(1).stride(1, 1)
                    .dataFormat(bn.getCnn2DFormat()).convolutionMode(ConvolutionMode.Truncate).hasBias(true)
                    .activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build();
        }
        if (rank == 2) {
            return new DenseLayer.Builder().nIn(n).nOut(n).hasBias(true).activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build();
        }
        throw new IllegalArgumentException("batch norm '" + name + "' on rank-" + rank + " activations: gradients not supported");
    }

    /**
     * Copies {@code trained}'s parameters into {@code target} (built by {@link #forGradients}),
     * converting batch norm to its affine map.
     */
    static void copyParameters(ComputationGraph trained, ComputationGraph target) {
        for (org.deeplearning4j.nn.api.Layer t : target.getLayers()) {
            String name = t.conf().getLayer().getLayerName();
            org.deeplearning4j.nn.api.Layer s = trained.getLayer(name);
            if (s.conf().getLayer() instanceof BatchNormalization bn && !(t.conf().getLayer() instanceof BatchNormalization)) {
                int n = Math.toIntExact(bn.getNOut());
                double[] a = new double[n];
                double[] c = new double[n];
                for (int i = 0; i < n; i++) {
                    double gamma = bn.isLockGammaBeta() ? bn.getGamma() : s.getParam(BatchNormalizationParamInitializer.GAMMA).getDouble(i);
                    double beta = bn.isLockGammaBeta() ? bn.getBeta() : s.getParam(BatchNormalizationParamInitializer.BETA).getDouble(i);
                    double mean = s.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).getDouble(i);
                    double std = bn.isUseLogStd()
                            ? Math.pow(10, s.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).getDouble(i))
                            : Math.sqrt(s.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).getDouble(i) + bn.getEps());
                    a[i] = gamma / std;
                    c[i] = beta - a[i] * mean;
                }
                INDArray w = t.getParam("W");
                INDArray b = t.getParam("b");
                INDArray wNew = t.conf().getLayer() instanceof DenseLayer ? Nd4j.diag(Nd4j.createFromArray(a)) : Nd4j.createFromArray(a);
                t.setParam("W", wNew.castTo(w.dataType()).reshape(w.shape()));
                t.setParam("b", Nd4j.createFromArray(c).castTo(b.dataType()).reshape(b.shape()));
            } else if (t.numParams() > 0) {
                if (t.numParams() != s.numParams()) {
                    throw new IllegalArgumentException("layer '" + name + "': " + t.numParams() + " parameters, trained " + s.numParams());
                }
                t.setParams(s.params());
            }
        }
    }

    private static Layer replacement(String name, Layer layer) {
        if (layer instanceof OutputLayer o) {
            if (o.getClass() != OutputLayer.class) {
                throw new IllegalArgumentException("output layer '" + name + "' of type " + layer.getClass().getSimpleName() + " is not supported");
            }
            return new DenseLayer.Builder().nIn(o.getNIn()).nOut(o.getNOut()).hasBias(o.hasBias())
                    .activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build();
        }
        if (layer instanceof LossLayer l) {
            if (l.getClass() != LossLayer.class) {
                throw new IllegalArgumentException("loss layer '" + name + "' of type " + layer.getClass().getSimpleName() + " is not supported");
            }
            return new ActivationLayer.Builder().activation(Activation.IDENTITY).build();
        }
        if (layer instanceof org.deeplearning4j.nn.conf.layers.BaseOutputLayer
                || layer instanceof org.deeplearning4j.nn.conf.layers.CnnLossLayer
                || layer instanceof org.deeplearning4j.nn.conf.layers.RnnLossLayer
                || layer instanceof org.deeplearning4j.nn.conf.layers.Cnn3DLossLayer) {
            throw new IllegalArgumentException("output layer '" + name + "' of type " + layer.getClass().getSimpleName() + " is not supported");
        }
        return null;
    }
}
