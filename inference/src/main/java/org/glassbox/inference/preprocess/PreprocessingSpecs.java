package org.glassbox.inference.preprocess;

import org.glassbox.core.imaging.ModelInputSpec;
import org.glassbox.core.imaging.ResizeFilter;
import org.glassbox.inference.pkg.ModelManifest;
import org.glassbox.inference.pkg.ModelManifest.Preprocessing;

/**
 * Maps a validated manifest's {@code preprocessing} onto core's {@link ModelInputSpec}, which
 * {@link org.glassbox.core.imaging.ModelInput} runs (the same code the viewer renders with).
 */
public final class PreprocessingSpecs {
    private PreprocessingSpecs() {
    }

    /** @throws IllegalArgumentException when the manifest was not validated (a required part is missing) */
    public static ModelInputSpec of(ModelManifest manifest) {
        Preprocessing p = manifest.preprocessing();
        if (p == null || p.windowing() == null || p.scaling() == null) {
            throw new IllegalArgumentException("model " + manifest.id() + ": preprocessing.windowing and .scaling are required");
        }
        ModelInputSpec.Windowing windowing = switch (p.windowing().mode()) {
            case DICOM_VOI -> ModelInputSpec.Windowing.dicomVoi();
            case MINMAX -> ModelInputSpec.Windowing.minMax();
            case EXPLICIT -> ModelInputSpec.Windowing.explicit(p.windowing().centre(), p.windowing().width());
        };
        ModelInputSpec.Resize resize = null;
        if (p.resize() != null) {
            ResizeFilter filter = switch (p.resize().interpolation()) {
                case NEAREST -> ResizeFilter.NEAREST;
                case BILINEAR -> ResizeFilter.BILINEAR;
                case BICUBIC -> ResizeFilter.BICUBIC;
                case AREA -> ResizeFilter.AREA;
            };
            resize = new ModelInputSpec.Resize(p.resize().size(), filter, p.resize().effectiveMode() == ModelManifest.ResizeMode.SHORTER_SIDE);
        }
        int crop = p.centreCrop() == null ? 0 : p.centreCrop().size();
        ModelInputSpec.Normalisation norm = p.normalisation() == null ? null
                : new ModelInputSpec.Normalisation(p.normalisation().mean(), p.normalisation().std());
        return new ModelInputSpec(windowing, p.scaling().min(), p.scaling().max(), resize, crop, manifest.inputShape().get(0), norm);
    }
}
