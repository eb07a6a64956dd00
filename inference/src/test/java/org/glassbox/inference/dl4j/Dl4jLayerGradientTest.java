package org.glassbox.inference.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.glassbox.core.ai.LayerGradient;
import org.glassbox.core.ai.Tensor;
import org.glassbox.inference.engine.LoadedModel;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@code layerGradient} (forward to the layer, backward through the graph above it only) equals the
 * full backward pass's layer gradient, on a graph with batch norm and a residual connection that
 * crosses the cut: image → conv1 → bn1 → block1 → conv2 → add(conv2, block1) → relu → gap → logits.
 */
class Dl4jLayerGradientTest {
    @TempDir
    static Path dir;

    private static LoadedModel residual() throws IOException {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).convolutionMode(ConvolutionMode.Same)
                .graphBuilder().addInputs("image").setInputTypes(InputType.convolutional(8, 8, 1))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nIn(1).nOut(3).activation(Activation.IDENTITY).build(), "image")
                .addLayer("bn1", new BatchNormalization.Builder().nOut(3).build(), "conv1")
                .addLayer("block1", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nIn(3).nOut(3).activation(Activation.IDENTITY).build(), "block1")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "conv2", "block1")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "add")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "relu")
                .addLayer("logits", new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(3).nOut(2)
                        .activation(Activation.SIGMOID).build(), "gap")
                .setOutputs("logits").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        Path zip = dir.resolve("residual.zip");
        ModelSerializer.writeModel(g, zip.toFile(), false);
        return new Dl4jEngine().load(zip, new org.glassbox.core.ai.ModelDescriptor("residual", "1", "0", List.of(1, 8, 8),
                List.of("a", "b"), org.glassbox.core.ai.ModelDescriptor.OutputKind.SIGMOID), "relu");
    }

    @org.junit.jupiter.api.Test
    void randomisesTheTopLayersOnlyAndLeavesTheOriginalAlone() throws IOException {
        Tensor x = new Tensor(new int[] {3, 1, 8, 8}, java.util.Arrays.copyOf(Dl4jEngineTest.batch(11, 3).data(), 3 * 64));
        try (LoadedModel m = residual()) {
            assertThat(m.parameterLayersTopDown()).containsExactly("logits", "conv2", "bn1", "conv1");
            float[] before = m.logits(x).data();
            try (var none = m.withRandomizedTopLayers(0, 5)) {
                assertThat(none.logits(x).data()).containsExactly(before, within(1e-6f));
            }
            try (var head = m.withRandomizedTopLayers(1, 5); var again = m.withRandomizedTopLayers(1, 5);
                 var other = m.withRandomizedTopLayers(1, 6)) {
                assertThat(head.activations(x, "gap").data()).containsExactly(m.activations(x, "gap").data(), within(1e-6f));
                assertThat(head.logits(x).data()).isNotEqualTo(before);
                assertThat(again.logits(x).data()).containsExactly(head.logits(x).data());
                assertThat(other.logits(x).data()).isNotEqualTo(head.logits(x).data());
                assertThat(head.descriptor().sha256()).isNotEqualTo(m.descriptor().sha256());
            }
            try (var two = m.withRandomizedTopLayers(2, 5)) {
                assertThat(two.activations(x, "block1").data()).containsExactly(m.activations(x, "block1").data(), within(1e-6f));
                assertThat(two.activations(x, "conv2").data()).isNotEqualTo(m.activations(x, "conv2").data());
            }
            try (var three = m.withRandomizedTopLayers(3, 5); var four = m.withRandomizedTopLayers(4, 5)) {
                // bn1 is untrained (γ = 1, β = 0): constant tensors keep their value (ParameterDraws).
                assertThat(three.activations(x, "bn1").data()).containsExactly(m.activations(x, "bn1").data(), within(1e-6f));
                assertThat(four.activations(x, "conv1").data()).isNotEqualTo(m.activations(x, "conv1").data());
            }
            assertThat(m.logits(x).data()).containsExactly(before);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.withRandomizedTopLayers(5, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count 5 is outside [0, 4]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv1", "block1", "conv2", "add", "relu", "gap", "logits"})
    void layerGradientEqualsTheFullBackwardPass(String layer) throws IOException {
        try (LoadedModel m = residual()) {
            Tensor x = Dl4jEngineTest.batch(9, 3);
            x = new Tensor(new int[] {3, 1, 8, 8}, java.util.Arrays.copyOf(x.data(), 3 * 64));
            for (int target = 0; target < 2; target++) {
                LayerGradient full = m.gradient(x, layer, target);
                LayerGradient fast = m.layerGradient(x, layer, target);
                assertThat(fast.inputGradient()).isNull();
                assertThat(fast.activations().shape()).containsExactly(full.activations().shape());
                assertThat(fast.activations().data()).containsExactly(full.activations().data(), within(1e-5f));
                assertThat(fast.gradient().shape()).containsExactly(full.gradient().shape());
                assertThat(fast.gradient().data()).containsExactly(full.gradient().data(), within(1e-5f));
                assertThat(fast.logits().data()).containsExactly(full.logits().data(), within(1e-5f));
                double max = 0;
                for (float v : fast.gradient().data()) {
                    max = Math.max(max, Math.abs(v));
                }
                assertThat(max).as("gradient not trivially zero").isPositive();
            }
        }
    }
}
