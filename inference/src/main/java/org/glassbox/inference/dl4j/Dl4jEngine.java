package org.glassbox.inference.dl4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.engine.ModelEngine;
import org.glassbox.inference.engine.ModelFormat;

/**
 * Loads DL4J model zips written by {@code ModelSerializer} ({@code configuration.json} +
 * {@code coefficients.bin}): a ComputationGraph, or a MultiLayerNetwork (converted to a graph whose
 * vertices are named "0", "1", …). The zip is checked before DL4J sees it, so a file that is not a
 * DL4J zip gets a clear message rather than a deserialisation stack trace. The updater state is
 * not loaded.
 */
public final class Dl4jEngine implements ModelEngine {
    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";

    @Override
    public ModelFormat format() {
        return ModelFormat.DL4J;
    }

    @Override
    public LoadedModel load(Path weights, ModelDescriptor descriptor, String targetLayer) throws IOException {
        ComputationGraph graph = readGraph(weights);
        try {
            return Dl4jLoadedModel.of(graph, descriptor, targetLayer, "DL4J");
        } catch (IllegalArgumentException e) {
            throw new IOException(weights + ": " + e.getMessage(), e);
        }
    }

    /** The graph in {@code weights} (a MultiLayerNetwork is converted). */
    static ComputationGraph readGraph(Path weights) throws IOException {
        if (!Files.isRegularFile(weights)) {
            throw new IOException(weights + ": no such file");
        }
        boolean isGraph;
        try (ZipFile zip = new ZipFile(weights.toFile())) {
            ZipEntry conf = zip.getEntry(CONFIGURATION);
            if (conf == null || zip.getEntry(COEFFICIENTS) == null) {
                throw new IOException(weights + ": not a DL4J model zip (needs " + CONFIGURATION + " and " + COEFFICIENTS + ")");
            }
            if (conf.getSize() > 64L << 20) {
                throw new IOException(weights + ": " + CONFIGURATION + " is implausibly large (" + conf.getSize() + " bytes)");
            }
            JsonNode json;
            try (InputStream in = zip.getInputStream(conf)) {
                json = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new IOException(weights + ": " + CONFIGURATION + " is not valid JSON: " + e.getMessage(), e);
            }
            if (json != null && json.has("vertices")) {
                isGraph = true;
            } else if (json != null && json.has("confs")) {
                isGraph = false;
            } else {
                throw new IOException(weights + ": " + CONFIGURATION + " describes neither a ComputationGraph nor a MultiLayerNetwork");
            }
        } catch (ZipException e) {
            throw new IOException(weights + ": not a zip file (" + e.getMessage() + ")", e);
        }
        try {
            if (isGraph) {
                return ModelSerializer.restoreComputationGraph(weights.toFile(), false);
            }
            MultiLayerNetwork mln = ModelSerializer.restoreMultiLayerNetwork(weights.toFile(), false);
            return mln.toComputationGraph();
        } catch (IOException | RuntimeException e) {
            throw new IOException(weights + ": DL4J could not read the model: " + e.getMessage(), e);
        }
    }
}
