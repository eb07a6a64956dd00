package org.glassbox.inference.engine;

import org.glassbox.core.ai.ExplainableModel;

/** A model loaded by an engine: it classifies and it can be probed (activations, gradients). */
public interface LoadedModel extends ExplainableModel {

    /** Which engine and backend run it, e.g. "onnx/samediff on CPU (nd4j-native, 2 threads)". */
    String executionSummary();
}
