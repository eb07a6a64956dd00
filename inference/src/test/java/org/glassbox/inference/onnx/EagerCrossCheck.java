package org.glassbox.inference.onnx;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Compares the eager executor's output with SameDiff's: |eager − samediff| ≤ 1e-5 · (1 + |samediff|). */
final class EagerCrossCheck {
    static final double TOLERANCE = 1e-5;

    private EagerCrossCheck() {
    }

    /** Null when equal within the tolerance, else what differs. */
    static String differs(INDArray eager, INDArray sameDiff) {
        if (eager == null || sameDiff == null) {
            return "missing output (eager " + (eager != null) + ", samediff " + (sameDiff != null) + ")";
        }
        if (!Arrays.equals(eager.shape(), sameDiff.shape())) {
            return "shape " + Arrays.toString(eager.shape()) + " vs " + Arrays.toString(sameDiff.shape());
        }
        if (eager.dataType() != sameDiff.dataType()) {
            return "type " + eager.dataType() + " vs " + sameDiff.dataType();
        }
        if (eager.length() == 0) {
            return null;
        }
        double[] a = eager.castTo(DataType.DOUBLE).dup('c').reshape(eager.length()).toDoubleVector();
        double[] b = sameDiff.castTo(DataType.DOUBLE).dup('c').reshape(sameDiff.length()).toDoubleVector();
        for (int i = 0; i < a.length; i++) {
            boolean bothNaN = Double.isNaN(a[i]) && Double.isNaN(b[i]);
            if (!bothNaN && !(Math.abs(a[i] - b[i]) <= TOLERANCE * (1 + Math.abs(b[i])))) {
                return "element " + i + ": " + a[i] + " vs " + b[i];
            }
        }
        return null;
    }
}
