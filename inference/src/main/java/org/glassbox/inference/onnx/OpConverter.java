package org.glassbox.inference.onnx;

/**
 * Maps one ONNX op onto SameDiff (or computes it at load time when its inputs are all known).
 * Returns one value per node output, in order; an optional output nobody uses may be null.
 */
@FunctionalInterface
interface OpConverter {
    Value[] convert(NodeContext node) throws OnnxFormatException;
}
