package org.glassbox.inference.onnx;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The ONNX ops GlassBox maps onto SameDiff, by op type (default domain). */
public final class OnnxOpSet {
    private static final Map<String, OpConverter> OPS = build();

    private OnnxOpSet() {
    }

    private static Map<String, OpConverter> build() {
        Map<String, OpConverter> ops = new TreeMap<>();
        ElementwiseOps.register(ops);
        SpatialOps.register(ops);
        NnOps.register(ops);
        TensorOps.register(ops);
        SelectionOps.register(ops);
        return Collections.unmodifiableMap(ops);
    }

    static OpConverter converter(String opType) {
        return OPS.get(opType);
    }

    /** Op types supported, sorted. */
    public static Set<String> supported() {
        return OPS.keySet();
    }
}
