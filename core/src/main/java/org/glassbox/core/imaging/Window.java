package org.glassbox.core.imaging;

/**
 * Window Center (0028,1050) and Window Width (0028,1051) with their VOI LUT Function (0028,1056):
 * PS3.3 C.11.2.1.2 (LINEAR, C.11.2.1.2.1), C.11.2.1.3.1 (SIGMOID), C.11.2.1.3.2 (LINEAR_EXACT).
 *
 * @param center   window centre, in modality units (e.g. HU)
 * @param width    window width: &ge; 1 for LINEAR, &gt; 0 for LINEAR_EXACT and SIGMOID
 * @param function how centre and width map values
 */
public record Window(double center, double width, VoiLutFunction function) implements VoiTransform {

    public Window {
        if (function == null) {
            function = VoiLutFunction.LINEAR;
        }
        if (!Double.isFinite(center) || !Double.isFinite(width)) {
            throw new IllegalArgumentException("window centre and width must be finite: " + center + ", " + width);
        }
        if (function == VoiLutFunction.LINEAR ? width < 1 : width <= 0) {
            throw new IllegalArgumentException("window width " + width + " not allowed for " + function
                    + (function == VoiLutFunction.LINEAR ? " (must be >= 1, PS3.3 C.11.2.1.2.1)" : " (must be > 0)"));
        }
    }

    public static Window linear(double center, double width) {
        return new Window(center, width, VoiLutFunction.LINEAR);
    }

    /**
     * Maps {@code x} to the output range [yMin, yMax] exactly as the standard's pseudo-code does.
     *
     * <p>LINEAR (C.11.2.1.2.1):
     * <pre>
     * if      (x &lt;= c - 0.5 - (w-1)/2) y = yMin
     * else if (x &gt;  c - 0.5 + (w-1)/2) y = yMax
     * else    y = ((x - (c - 0.5)) / (w-1) + 0.5) * (yMax - yMin) + yMin
     * </pre>
     * (for w = 1 the middle branch is empty). LINEAR_EXACT (C.11.2.1.3.2): the same with c and w
     * in place of c - 0.5 and w - 1, and bounds c &plusmn; w/2. SIGMOID (C.11.2.1.3.1):
     * {@code y = (yMax - yMin) / (1 + exp(-4 (x - c) / w)) + yMin}.
     */
    public double apply(double x, double yMin, double yMax) {
        double range = yMax - yMin;
        switch (function) {
            case LINEAR: {
                double c = center - 0.5;
                double half = (width - 1) / 2;
                if (x <= c - half) {
                    return yMin;
                }
                if (x > c + half) {
                    return yMax;
                }
                return ((x - c) / (width - 1) + 0.5) * range + yMin;
            }
            case LINEAR_EXACT: {
                double half = width / 2;
                if (x <= center - half) {
                    return yMin;
                }
                if (x > center + half) {
                    return yMax;
                }
                return ((x - center) / width + 0.5) * range + yMin;
            }
            case SIGMOID:
            default:
                return range / (1 + Math.exp(-4 * (x - center) / width)) + yMin;
        }
    }

    @Override
    public double toUnit(double modalityValue) {
        return apply(modalityValue, 0, 1);
    }
}
