package org.glassbox.core.imaging;

/**
 * A VOI LUT from the VOI LUT Sequence (0028,3010), PS3.3 C.11.2.1.1: maps modality values through
 * the table and scales the table's output range [0, 2^bits - 1] to [0, 1].
 */
public record VoiLut(LookupTable table) implements VoiTransform {
    @Override
    public double toUnit(double modalityValue) {
        if (Double.isNaN(modalityValue)) {
            return Double.NaN;
        }
        double v = table.lookup(modalityValue) / (double) table.maxOutput();
        return Math.min(1, Math.max(0, v));
    }
}
