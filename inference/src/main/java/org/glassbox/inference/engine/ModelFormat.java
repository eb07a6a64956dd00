package org.glassbox.inference.engine;

/** Weight formats GlassBox loads. */
public enum ModelFormat {
    /** ONNX (opset 13–17), executed by ND4J. */
    ONNX,
    /** DL4J ComputationGraph or MultiLayerNetwork zip (ModelSerializer). */
    DL4J,
    /** Keras HDF5 via deeplearning4j-modelimport. */
    KERAS
}
