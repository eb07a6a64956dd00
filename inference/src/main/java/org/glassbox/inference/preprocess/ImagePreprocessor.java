package org.glassbox.inference.preprocess;

import java.nio.file.Path;
import org.glassbox.core.dicom.DicomReadException;

/**
 * Turns one image file into the float tensor a model takes (C × H × W, row-major). Training and
 * inference of the demo models go through the same implementation, so a model is never fed
 * differently from how it was trained.
 */
public interface ImagePreprocessor {

    /** Model input shape [C, H, W] this preprocessor produces. */
    int[] outputShape();

    /**
     * @return C·H·W floats, row-major, in [0, 1] (0 = displayed black)
     * @throws DicomReadException naming the file when it cannot be read or has no greyscale frame
     */
    float[] apply(Path file) throws DicomReadException;
}
