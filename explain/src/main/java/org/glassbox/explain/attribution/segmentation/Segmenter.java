package org.glassbox.explain.attribution.segmentation;

import org.glassbox.core.ai.Tensor;

/** Splits one image (C × H × W, model input) into segments. Deterministic: same image, same segments. */
public interface Segmenter {

    Segmentation segment(Tensor image);

    /** Short text for an explanation's parameters, e.g. {@code slic(50,compactness=200)}. */
    String describe();
}
