package org.glassbox.core.imaging;

/**
 * The Modality LUT stage (PS3.3 C.11.1): stored values to modality values (e.g. Hounsfield units).
 * Either a linear rescale or a Modality LUT Sequence table.
 */
public sealed interface ModalityTransform permits ModalityTransform.Rescale, ModalityTransform.Table {

    double apply(int stored);

    /** Identity: slope 1, intercept 0. */
    ModalityTransform IDENTITY = new Rescale(1, 0);

    /**
     * Rescale Slope (0028,1053) and Rescale Intercept (0028,1052): {@code slope * stored + intercept}
     * (C.11.1.1.2). Absent attributes mean slope 1, intercept 0.
     */
    record Rescale(double slope, double intercept) implements ModalityTransform {
        public Rescale {
            if (!Double.isFinite(slope) || !Double.isFinite(intercept) || slope == 0) {
                throw new IllegalArgumentException("rescale slope must be finite and non-zero, intercept finite: " + slope + ", " + intercept);
            }
        }

        @Override
        public double apply(int stored) {
            return slope * stored + intercept;
        }
    }

    /** Modality LUT Sequence (0028,3000), C.11.1.1.1: the table's entry for the stored value. */
    record Table(LookupTable lut) implements ModalityTransform {
        @Override
        public double apply(int stored) {
            return lut.lookup(stored);
        }
    }
}
