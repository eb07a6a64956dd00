package org.glassbox.inference.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.engine.ModelEngine;
import org.glassbox.inference.engine.ModelFormat;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;

/**
 * Loads whole-model Keras HDF5 files ({@code model.save("x.h5")}: {@code model_config} + {@code
 * model_weights}) with DL4J's Keras import (deeplearning4j-modelimport 1.0.0-M2.1) and runs them
 * through the same {@link Dl4jLoadedModel} as DL4J zips.
 *
 * <ul>
 *   <li>The file is checked before the HDF5 library sees it (HDF5 signature, a {@code model_config}
 *       naming a Sequential or Functional model), so junk gets a one-line message, not a native
 *       error.</li>
 *   <li>Sequential models become a MultiLayerNetwork, converted to a graph whose vertices keep the
 *       Keras layer names (DL4J's own conversion would name them "0", "1", …).</li>
 *   <li>The output layer's sigmoid or softmax is removed when it is the one the descriptor's output
 *       kind applies, so {@code logits} are the pre-activations, as for the other formats.</li>
 *   <li>Keras images are channels-last by default; DL4J's import keeps NHWC layers. Inputs and
 *       outputs stay NCHW: {@link TensorLayout} permutes at the boundary.</li>
 * </ul>
 * What DL4J's importer does not support (e.g. the TF 2.x {@code Rescaling} or
 * {@code LayerNormalization} layers, Lambda layers, nested models) is refused with its message.
 */
public final class KerasEngine implements ModelEngine {
    /** HDF5 superblock signature (HDF5 File Format Specification, "Format Signature"). */
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final String SEQUENTIAL_INPUT = "input";

    @Override
    public ModelFormat format() {
        return ModelFormat.KERAS;
    }

    @Override
    public LoadedModel load(Path weights, ModelDescriptor descriptor, String targetLayer) throws IOException {
        if (!Files.isRegularFile(weights)) {
            throw new IOException(weights + ": no such file");
        }
        if (!hasHdf5Signature(weights)) {
            throw new IOException(weights + ": not an HDF5 file (no HDF5 signature); Keras models must be saved as .h5");
        }
        KerasModelConfig config = readConfig(weights);
        InputType input;
        try {
            input = config.inputType(descriptor.inputShape());
        } catch (IllegalArgumentException e) {
            throw new IOException(weights + ": " + e.getMessage(), e);
        }
        ComputationGraph imported = Hdf5Calls.call(() -> importGraph(weights, config));
        try {
            ComputationGraph graph = withLogitsOutput(imported, descriptor);
            TensorLayout layout = TensorLayout.of(graph.getConfiguration(), input);
            return Dl4jLoadedModel.of(graph, descriptor, targetLayer, "Keras " + config.kerasVersion() + " " + config.className(), layout);
        } catch (IllegalArgumentException e) {
            throw new IOException(weights + ": " + e.getMessage(), e);
        }
    }

    private static KerasModelConfig readConfig(Path weights) throws IOException {
        try {
            return Hdf5Calls.call(() -> KerasModelConfig.read(weights));
        } catch (IllegalArgumentException e) {
            throw new IOException(weights + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException(weights + ": could not read the Keras model config: " + e.getMessage(), e);
        }
    }

    /**
     * DL4J's import, as {@code KerasModelImport} does it but closing the archive it opens (see
     * {@link Hdf5Calls}); the training config is not enforced (GlassBox never trains these).
     */
    private static ComputationGraph importGraph(Path weights, KerasModelConfig config) throws IOException {
        String file = weights.toString();
        try (KerasModelBuilder builder = new KerasModel().modelBuilder().modelHdf5Filename(file).enforceTrainingConfig(false)) {
            if (config.sequential()) {
                return namedGraph(builder.buildSequential().getMultiLayerNetwork());
            }
            return builder.buildModel().getComputationGraph();
        } catch (UnsupportedKerasConfigurationException e) {
            throw new IOException(weights + ": not supported by DL4J's Keras import: " + firstSentence(e.getMessage()), e);
        } catch (InvalidKerasConfigurationException e) {
            throw new IOException(weights + ": invalid Keras model: " + firstSentence(e.getMessage()), e);
        } catch (IOException | RuntimeException e) {
            throw new IOException(weights + ": DL4J could not import the Keras model: " + e.getMessage(), e);
        }
    }

    /** DL4J's messages append "Please file an issue at …" or a documentation link: keep the reason. */
    private static String firstSentence(String message) {
        if (message == null) {
            return "(no message)";
        }
        int cut = message.indexOf(". Please file");
        if (cut < 0) {
            cut = message.indexOf(". For more information");
        }
        return cut < 0 ? message : message.substring(0, cut);
    }

    /**
     * A MultiLayerNetwork as a single-stack graph whose vertices are named after its layers (the
     * Keras names), falling back to the index for a missing or repeated name. The parameter layout of
     * a single stack is the same in both forms, so the flat parameter vector is copied as is.
     */
    static ComputationGraph namedGraph(MultiLayerNetwork mln) {
        MultiLayerConfiguration mlc = mln.getLayerWiseConfigurations().clone();
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().dataType(mlc.getDataType())
                .graphBuilder().addInputs(SEQUENTIAL_INPUT);
        Set<String> used = new HashSet<>(List.of(SEQUENTIAL_INPUT));
        String previous = SEQUENTIAL_INPUT;
        for (int i = 0; i < mlc.getConfs().size(); i++) {
            Layer layer = mlc.getConf(i).getLayer();
            String name = layer.getLayerName();
            if (name == null || name.isBlank() || !used.add(name)) {
                name = "layer" + i;
                used.add(name);
            }
            b.addLayer(name, layer, mlc.getInputPreProcess(i), previous);
            previous = name;
        }
        ComputationGraphConfiguration conf = b.setOutputs(previous).build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init(mln.params(), true);
        return graph;
    }

    /**
     * The graph with its output layer's sigmoid/softmax removed when that is what the descriptor's
     * output kind applies to logits (a Keras classifier ends in {@code Dense(k, activation=...)} or an
     * {@code Activation}/{@code Softmax} layer). With output kind IDENTITY the activation stays: the
     * outputs are then shown as they are.
     *
     * @throws IllegalArgumentException when the model ends in a sigmoid but the descriptor says
     *                                  softmax, or the reverse, or the output count differs from the
     *                                  labels
     */
    static ComputationGraph withLogitsOutput(ComputationGraph graph, ModelDescriptor descriptor) {
        ComputationGraphConfiguration conf = graph.getConfiguration().clone();
        if (conf.getNetworkOutputs().size() != 1) {
            throw new IllegalArgumentException("model has " + conf.getNetworkOutputs().size() + " outputs; GlassBox runs single-output models");
        }
        String out = conf.getNetworkOutputs().get(0);
        GraphVertex v = conf.getVertices().get(out);
        if (!(v instanceof LayerVertex lv)) {
            return graph;
        }
        Layer layer = lv.getLayerConf().getLayer();
        if (layer instanceof FeedForwardLayer ff && ff.getNOut() > 0 && ff.getNOut() != descriptor.labels().size()) {
            throw new IllegalArgumentException("output layer '" + out + "' has " + ff.getNOut() + " outputs but the descriptor names "
                    + descriptor.labels().size() + " labels");
        }
        IActivation activation = layer instanceof BaseLayer bl ? bl.getActivationFn()
                : layer instanceof ActivationLayer al ? al.getActivationFn() : null;
        ModelDescriptor.OutputKind kind = descriptor.outputKind();
        boolean sigmoid = activation instanceof ActivationSigmoid;
        boolean softmax = activation instanceof ActivationSoftmax;
        if (kind == ModelDescriptor.OutputKind.IDENTITY || !(sigmoid || softmax)) {
            return graph;
        }
        if (sigmoid != (kind == ModelDescriptor.OutputKind.SIGMOID)) {
            throw new IllegalArgumentException("output layer '" + out + "' ends in " + (sigmoid ? "sigmoid" : "softmax")
                    + " but the descriptor's output kind is " + kind);
        }
        if (layer instanceof BaseLayer bl) {
            bl.setActivationFn(new ActivationIdentity());
        } else {
            ((ActivationLayer) layer).setActivationFn(new ActivationIdentity());
        }
        ComputationGraph logits = new ComputationGraph(conf);
        logits.init(graph.params(), true);
        return logits;
    }

    /** True when the HDF5 signature sits at offset 0, 512, 1024, 2048, … (a user block may precede it). */
    static boolean hasHdf5Signature(Path file) throws IOException {
        long size = Files.size(file);
        byte[] buf = new byte[HDF5_SIGNATURE.length];
        try (var ch = Files.newByteChannel(file)) {
            for (long offset = 0; offset + buf.length <= size; offset = offset == 0 ? 512 : offset * 2) {
                ch.position(offset);
                var bb = java.nio.ByteBuffer.wrap(buf);
                while (bb.hasRemaining() && ch.read(bb) > 0) {
                    // read fully
                }
                if (!bb.hasRemaining() && Arrays.equals(buf, HDF5_SIGNATURE)) {
                    return true;
                }
            }
        }
        return false;
    }
}
