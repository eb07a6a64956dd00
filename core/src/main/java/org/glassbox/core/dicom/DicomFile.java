package org.glassbox.core.dicom;

import java.nio.file.Path;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;

/**
 * A DICOM file that has been opened: its header as a toolkit-free data set and access to its
 * decoded frames. Frames are decoded on demand, one at a time, so a multi-frame file never has to
 * fit in memory all at once.
 */
public interface DicomFile {

    Path path();

    /** File meta information (group 0002); empty when the file had none. */
    DicomDataset fileMeta();

    /** The data set without Pixel Data. */
    DicomDataset dataset();

    /** Transfer syntax the data set was encoded with (from the meta information, or detected). */
    String transferSyntaxUid();

    /** True when the file has Pixel Data. */
    boolean hasPixelData();

    /**
     * Pixel layout after decompression.
     *
     * @throws DicomReadException when there is no pixel data or the image pixel module is invalid
     */
    PixelDescription pixelDescription() throws DicomReadException;

    /**
     * Decodes frame {@code index} (0-based) to stored values.
     *
     * @throws DicomReadException when the frame cannot be decoded; the message names the file
     */
    FramePixels frame(int index) throws DicomReadException;
}
