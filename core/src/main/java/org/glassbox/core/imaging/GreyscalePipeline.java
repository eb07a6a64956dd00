package org.glassbox.core.imaging;

import java.util.Objects;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;

/**
 * The one preprocessing path from stored values to a display/model image (PS3.3 C.11 "Grayscale
 * Transformations"): Modality LUT stage (rescale or table) → VOI LUT stage (window or table) →
 * inversion for MONOCHROME1 (C.7.6.3.1.2: the minimum is displayed white) or Presentation LUT Shape
 * INVERSE (C.11.6.1). The viewer renders with it and the inference module feeds models with it, so
 * what the model saw is what the user sees; {@link ImagePresentation} builds it from a file's
 * {@link PresentationParameters}.
 *
 * <p>For BitsStored &le; 16 the whole chain is precomputed once per frame into a table indexed by
 * stored value, so each pixel costs one array read. Colour frames (3 samples per pixel) skip the
 * grey stages: each sample is scaled by 2^BitsStored - 1.
 *
 * @param modality   Modality LUT stage; {@link ModalityTransform#IDENTITY} when the file has none
 * @param voi        VOI stage, or null to stretch the frame's own modality-value range (min → 0, max → 1)
 * @param invert     invert after the VOI stage (MONOCHROME1 or Presentation LUT Shape INVERSE; once)
 */
public record GreyscalePipeline(ModalityTransform modality, VoiTransform voi, boolean invert) {

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
            float[] table = unitTable(d, stage);
            int min = minStored(d);
            int last = table.length - 1;
            for (int i = 0; i < n; i++) {
                // Stored values are masked to BitsStored by the reader; clamp anyway so a bad value cannot throw.
                int idx = frame.sample(i) - min;
                out[i] = table[idx < 0 ? 0 : (idx > last ? last : idx)];
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = unit(stage, frame.sample(i));
            }
        }
        return out;
    }

    /**
     * The frame as 8-bit display values: round(255 × unit value), exactly as from {@link #toUnit};
     * for BitsStored &le; 16 through a byte table, one array read per pixel.
     */
    public byte[] to8Bit(FramePixels frame) {
        PixelDescription d = frame.description();
        if (d.samplesPerPixel() != 1 || d.bitsStored() > 16) {
            float[] u = toUnit(frame);
            byte[] out = new byte[u.length];
            for (int i = 0; i < u.length; i++) {
                out[i] = (byte) Math.round(u[i] * 255f);
            }
            return out;
        }
        float[] unit = unitTable(d, voi != null ? voi : stretch(frame));
        byte[] table = new byte[unit.length];
        for (int i = 0; i < unit.length; i++) {
            table[i] = (byte) Math.round(unit[i] * 255f);
        }
        int min = minStored(d);
        int last = table.length - 1;
        byte[] out = new byte[frame.length()];
        for (int i = 0; i < out.length; i++) {
            int idx = frame.sample(i) - min;
            out[i] = table[idx < 0 ? 0 : (idx > last ? last : idx)];
        }
        return out;
    }

    private static int minStored(PixelDescription d) {
        return d.signed() ? -(1 << (d.bitsStored() - 1)) : 0;
    }

    /** The whole chain for every stored value of the range (BitsStored &le; 16), indexed by value - minimum. */
    private float[] unitTable(PixelDescription d, VoiTransform stage) {
        int min = minStored(d);
        int max = d.signed() ? (1 << (d.bitsStored() - 1)) - 1 : (1 << d.bitsStored()) - 1;
        float[] table = new float[max - min + 1];
        for (int s = min; s <= max; s++) {
            table[s - min] = unit(stage, s);
        }
        return table;
    }

    /**
     * This pipeline with a "stretch" VOI (null) resolved to the concrete window it means for
     * {@code frame}, so a viewer can show and then adjust the window the user is looking at.
     * Pipelines with a VOI stage are returned as they are.
     */
    public GreyscalePipeline resolvedFor(FramePixels frame) {
        return voi != null ? this : new GreyscalePipeline(modality, stretch(frame), invert);
    }

    /**
     * One stored value through the whole chain, in [0, 1] (0 black, 1 white as displayed).
     *
     * @throws IllegalStateException when the VOI stage is still "stretch" (see {@link #resolvedFor})
     */
    public float toUnit(int stored) {
        if (voi == null) {
            throw new IllegalStateException("the min-max VOI depends on the frame: call resolvedFor(frame) first");
        }
        return unit(voi, stored);
    }

    private float unit(VoiTransform stage, int stored) {
        double v = stage.toUnit(modality.apply(stored));
        if (invert) {
            v = 1 - v;
        }
        return (float) Math.min(1, Math.max(0, v));
    }

    /**
     * LINEAR_EXACT window from the frame's smallest to its largest modality value. The stored range
     * is found first (one pass over ints); a rescale is monotonic, so its ends suffice, while a
     * Modality LUT table is scanned over that stored range only.
     */
    private VoiTransform stretch(FramePixels frame) {
        int sMin = Integer.MAX_VALUE;
        int sMax = Integer.MIN_VALUE;
        for (int i = 0; i < frame.length(); i++) {
            int s = frame.sample(i);
            if (s < sMin) {
                sMin = s;
            }
            if (s > sMax) {
                sMax = s;
            }
        }
        double lo;
        double hi;
        if (modality instanceof ModalityTransform.Rescale) {
            double a = modality.apply(sMin);
            double b = modality.apply(sMax);
            lo = Math.min(a, b);
            hi = Math.max(a, b);
        } else {
            // Inputs outside the table map to its end entries, so only entries between the
            // clamped ends of the stored range can occur (at most 65536 of them).
            LookupTable lut = ((ModalityTransform.Table) modality).lut();
            long first = Math.max(sMin, (long) lut.firstMapped()) - lut.firstMapped();
            long last = Math.min(sMax, (long) lut.firstMapped() + lut.entries() - 1) - lut.firstMapped();
            first = Math.min(Math.max(first, 0), lut.entries() - 1);
            last = Math.min(Math.max(last, first), lut.entries() - 1);
            lo = Double.POSITIVE_INFINITY;
            hi = Double.NEGATIVE_INFINITY;
            for (long i = first; i <= last; i++) {
                double v = lut.data()[(int) i];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(hi > lo)) {
            return new Window(lo, 1, VoiLutFunction.LINEAR_EXACT); // flat frame: everything at mid grey
        }
        // Centre (lo+hi)/2 and width hi-lo map lo to 0 and hi to 1; hi itself lies on the bound (x > c + w/2 is false), giving exactly 1.
        return new Window((lo + hi) / 2, hi - lo, VoiLutFunction.LINEAR_EXACT);
    }
}
