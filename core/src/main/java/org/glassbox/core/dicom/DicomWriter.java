package org.glassbox.core.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.glassbox.core.model.FramePixels;

/**
 * Writes new Part-10 files (preamble, meta information, Explicit VR Little Endian) from a data set
 * and uncompressed frames. The file appears atomically (temp file + rename).
 */
public interface DicomWriter {

    /**
     * @param dataset must hold SOPClassUID and SOPInstanceUID and the Image Pixel Module
     *                attributes matching {@code frames}
     * @param frames  the frames, all of the same description; empty for a data set without pixels
     */
    void write(DicomDataset dataset, List<FramePixels> frames, Path target) throws IOException;
}
