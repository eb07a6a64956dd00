package org.glassbox.core.imaging;

import java.util.Objects;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;

/**
 * The one preprocessing path from stored values to a display/model image (PS3.3 C.11 "Grayscale
 * Transformations"): Modality LUT stage (rescale or table) → VOI LUT stage (window or table) →
 * MONOCHROME1 inversion (C.7.6.3.1.2: the minimum is displayed white). The viewer renders with it and
 * the inference module feeds models with it, so what the model saw is what the user sees.
 *
 * <p>For BitsStored &le; 16 the whole chain is precomputed once per frame into a table indexed by
 * stored value, so each pixel costs one array read. Colour frames (3 samples per pixel) skip the
 * grey stages: each sample is scaled by 2^BitsStored - 1.
 *
 * @param modality   Modality LUT stage; {@link ModalityTransform#IDENTITY} when the file has none
 * @param voi        VOI stage, or null to stretch the frame's own modality-value range (min → 0, max → 1)
 * @param monochrome1 invert after the VOI stage
 */
public record GreyscalePipeline(ModalityTransform modality, VoiTransform voi, boolean monochrome1) {

    public GreyscalePipeline {
        Objects.requireNonNull(modality, "modality");
    }

    /** Inversion follows the photometric interpretation (MONOCHROME1 inverts). */
    public static GreyscalePipeline of(ModalityTransform modality, VoiTransform voi, String photometricInterpretation) {
        return new GreyscalePipeline(modality, voi, "MONOCHROME1".equals(photometricInterpretation));
    }

    /**
     * The frame as floats in [0, 1], row-major (colour: R, G, B per pixel). Never NaN for finite
     * parameters.
     */
    public float[] toUnit(FramePixels frame) {
        PixelDescription d = frame.description();
        int n = frame.length();
        float[] out = new float[n];
        if (d.samplesPerPixel() != 1) {
            double max = d.bitsStored() >= 31 ? Integer.MAX_VALUE : (1L << d.bitsStored()) - 1;
            for (int i = 0; i < n; i++) {
                out[i] = (float) Math.min(1, Math.max(0, frame.sample(i) / max));
            }
            return out;
        }
        VoiTransform stage = voi != null ? voi : stretch(frame);
        if (d.bitsStored() <= 16) {
            int min = d.signed() ? -(1 << (d.bitsStored() - 1)) : 0;
            int max = d.signed() ? (1 << (d.bitsStored() - 1)) - 1 : (1 << d.bitsStored()) - 1;
            float[] table = new float[max - min + 1];
            for (int s = min; s <= max; s++) {
                table[s - min] = unit(stage, s);
            }
            for (int i = 0; i < n; i++) {
                int s = frame.sample(i);
                // Stored values are masked to BitsStored by the reader; clamp anyway so a bad value cannot throw.
                int idx = s < min ? 0 : (s > max ? max - min : s - min);
                out[i] = table[idx];
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = unit(stage, frame.sample(i));
            }
        }
        return out;
    }

    /** The frame as 8-bit display values: round(255 × unit value). */
    public byte[] to8Bit(FramePixels frame) {
        float[] u = toUnit(frame);
        byte[] out = new byte[u.length];
        for (int i = 0; i < u.length; i++) {
            out[i] = (byte) Math.round(u[i] * 255f);
        }
        return out;
    }

    private float unit(VoiTransform stage, int stored) {
        double v = stage.toUnit(modality.apply(stored));
        if (monochrome1) {
            v = 1 - v;
        }
        return (float) Math.min(1, Math.max(0, v));
    }

    /** LINEAR_EXACT window from the frame's smallest to its largest modality value. */
    private VoiTransform stretch(FramePixels frame) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < frame.length(); i++) {
            double v = modality.apply(frame.sample(i));
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (!(hi > lo)) {
            return new Window(lo, 1, VoiLutFunction.LINEAR_EXACT); // flat frame: everything at mid grey
        }
        // Centre (lo+hi)/2 and width hi-lo map lo to 0 and hi to 1; hi itself lies on the bound (x > c + w/2 is false), giving exactly 1.
        return new Window((lo + hi) / 2, hi - lo, VoiLutFunction.LINEAR_EXACT);
    }
}
