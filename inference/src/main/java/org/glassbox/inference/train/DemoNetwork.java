package org.glassbox.inference.train;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The demo encoder: {@code blocks} conv blocks (3×3 conv → batch norm → ReLU, 2×2 max pooling
 * between blocks), global average pooling, a ReLU dense "embedding", and a 4-way sigmoid head
 * trained with binary cross-entropy (multi-label). Vertex names: {@code image} (input),
 * {@code conv1..}, {@code bn1..}, {@code block1..} (ReLU outputs), {@code pool1..}, {@code gap},
 * {@code embedding}, {@code logits}. The explain target layer is the last block's output.
 *
 * @param size      input side in pixels (1 × size × size)
 * @param channels  output channels per block
 * @param embedding embedding width
 * @param outputs   number of labels
 * @param learningRate Adam step size
 * @param seed      DL4J weight-initialisation seed
 */
public record DemoNetwork(int size, List<Integer> channels, int embedding, int outputs, double learningRate, long seed) {
    public static final String INPUT = "image";
    public static final String EMBEDDING = "embedding";
    public static final String OUTPUT = "logits";

    public DemoNetwork {
        channels = List.copyOf(channels);
        if (channels.isEmpty() || size >> (channels.size() - 1) < 2) {
            throw new IllegalArgumentException("size " + size + " too small for " + channels.size() + " blocks");
        }
    }

    /** The name of the last conv block's output (Grad-CAM's layer). */
    public String targetLayer() {
        return "block" + channels.size();
    }

    public ComputationGraphConfiguration configuration() {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.RELU)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(size, size, 1));
        String previous = INPUT;
        int in = 1;
        for (int b = 1; b <= channels.size(); b++) {
            if (b > 1) {
                g.addLayer("pool" + (b - 1), new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), previous);
                previous = "pool" + (b - 1);
            }
            int out = channels.get(b - 1);
            g.addLayer("conv" + b, new ConvolutionLayer.Builder(3, 3).nIn(in).nOut(out).stride(1, 1)
                    .activation(Activation.IDENTITY).build(), previous);
            g.addLayer("bn" + b, new BatchNormalization.Builder().nOut(out).build(), "conv" + b);
            g.addLayer("block" + b, new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn" + b);
            previous = "block" + b;
            in = out;
        }
        g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), previous);
        g.addLayer(EMBEDDING, new DenseLayer.Builder().nIn(in).nOut(embedding).activation(Activation.RELU).build(), "gap");
        g.addLayer(OUTPUT, new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(embedding).nOut(outputs)
                .activation(Activation.SIGMOID).weightInit(WeightInit.XAVIER).build(), EMBEDDING);
        g.setOutputs(OUTPUT);
        return g.build();
    }

    public ComputationGraph build() {
        ComputationGraph net = new ComputationGraph(configuration());
        net.init();
        return net;
    }
}
