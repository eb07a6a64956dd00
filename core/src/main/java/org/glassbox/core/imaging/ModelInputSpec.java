package org.glassbox.core.imaging;

import java.util.List;
import java.util.Objects;

/**
 * How a stored frame becomes one model input sample (C × H × W float32), as plain values: the
 * inference module maps a model package's {@code preprocessing} onto this, and {@link ModelInput}
 * runs it. Steps, in this order (docs/model-package.md):
 * windowing → scaling → resize → centre crop → channel replication → normalisation.
 *
 * @param windowing     stored values → [0, 1] (through {@link ImagePresentation}, as displayed)
 * @param scaleMin      the value [0, 1]'s 0 maps to (finite, &lt; scaleMax)
 * @param scaleMax      the value 1 maps to, e.g. 1, or 1024 for TorchXRayVision's [-1024, 1024]
 * @param resize        null: no resize (the frame, or its crop, must already be the input size)
 * @param cropSize      centred cropSize × cropSize crop after resize; 0 for none
 * @param channels      the model's input channels, 1 or 3; a grey frame is replicated into 3
 * @param normalisation null: none; else one mean and std per channel, {@code (x − mean[c]) / std[c]}
 */
public record ModelInputSpec(Windowing windowing, double scaleMin, double scaleMax, Resize resize, int cropSize, int channels,
                             Normalisation normalisation) {

    public ModelInputSpec {
        Objects.requireNonNull(windowing, "windowing");
        if (!Double.isFinite(scaleMin) || !Double.isFinite(scaleMax) || !(scaleMin < scaleMax)) {
            throw new IllegalArgumentException("scaling must be finite with min < max: [" + scaleMin + ", " + scaleMax + "]");
        }
        if (cropSize < 0) {
            throw new IllegalArgumentException("crop size must be >= 0 (0 = none): " + cropSize);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3: " + channels);
        }
        if (normalisation != null && normalisation.mean().size() != channels) {
            throw new IllegalArgumentException("normalisation has " + normalisation.mean().size() + " means for " + channels + " channels");
        }
    }

    /** How stored values map to [0, 1]. */
    public enum WindowMode {
        /** The file's default VOI ({@link ImagePresentation#DEFAULT_VOI}): first window, else first VOI LUT, else min–max. */
        DICOM_VOI,
        /** The frame's own modality-value range ({@link ImagePresentation#MIN_MAX}). */
        MINMAX,
        /** A LINEAR window (PS3.3 C.11.2.1.2.1) with the centre and width given, in modality units. */
        EXPLICIT
    }

    /**
     * @param mode   see {@link WindowMode}
     * @param centre explicit only (else ignored)
     * @param width  explicit only, ≥ 1
     */
    public record Windowing(WindowMode mode, double centre, double width) {
        public Windowing {
            Objects.requireNonNull(mode, "mode");
            if (mode == WindowMode.EXPLICIT) {
                Window.linear(centre, width); // validates: finite, width >= 1
            }
        }

        public static Windowing dicomVoi() {
            return new Windowing(WindowMode.DICOM_VOI, 0, 0);
        }

        public static Windowing minMax() {
            return new Windowing(WindowMode.MINMAX, 0, 0);
        }

        public static Windowing explicit(double centre, double width) {
            return new Windowing(WindowMode.EXPLICIT, centre, width);
        }
    }

    /**
     * @param size        ≥ 1: the output is size × size (exact), or the shorter side becomes size
     * @param filter      interpolation
     * @param shorterSide false: size × size, aspect not kept (TorchXRayVision's XRayResizer); true:
     *                    shorter side → size, longer side → floor(size × long / short) (torchvision {@code Resize(int)})
     */
    public record Resize(int size, ResizeFilter filter, boolean shorterSide) {
        public Resize {
            if (size < 1) {
                throw new IllegalArgumentException("resize size must be >= 1: " + size);
            }
            Objects.requireNonNull(filter, "filter");
        }
    }

    /** One mean and one standard deviation (&gt; 0, finite) per channel. */
    public record Normalisation(List<Double> mean, List<Double> std) {
        public Normalisation {
            mean = List.copyOf(mean);
            std = List.copyOf(std);
            if (mean.size() != std.size()) {
                throw new IllegalArgumentException("normalisation needs as many stds as means: " + mean.size() + " vs " + std.size());
            }
            for (int i = 0; i < std.size(); i++) {
                if (!Double.isFinite(mean.get(i)) || !Double.isFinite(std.get(i)) || !(std.get(i) > 0)) {
                    throw new IllegalArgumentException("normalisation channel " + i + ": mean must be finite and std finite and > 0");
                }
            }
        }
    }
}
