package org.glassbox.inference.preprocess;

import java.nio.file.Path;
import org.glassbox.core.dicom.DicomFile;
import org.glassbox.core.dicom.DicomReadException;
import org.glassbox.core.dicom.DicomReader;
import org.glassbox.core.dicom.PresentationParametersReader;
import org.glassbox.core.imaging.ImagePresentation;
import org.glassbox.core.imaging.PresentationParameters;
import org.glassbox.core.model.FramePixels;

/**
 * Frame 0 of a greyscale DICOM image → 1 × size × size in [0, 1]: the display pipeline of
 * {@link ImagePresentation} (Modality LUT, the file's first window / VOI LUT — else min–max —,
 * MONOCHROME1 or INVERSE inversion; PS3.3 C.11), then an area-average resize to a square
 * ({@link AreaResize}; the aspect ratio is not kept, as in the demo models' training).
 */
public final class DicomGreyscalePreprocessor implements ImagePreprocessor {
    private final DicomReader reader;
    private final int size;

    /**
     * @param reader e.g. {@code Dicom.reader()}
     * @param size   output side in pixels, 8..4096
     */
    public DicomGreyscalePreprocessor(DicomReader reader, int size) {
        if (size < 8 || size > 4096) {
            throw new IllegalArgumentException("size must be 8..4096: " + size);
        }
        this.reader = reader;
        this.size = size;
    }

    @Override
    public int[] outputShape() {
        return new int[] {1, size, size};
    }

    @Override
    public float[] apply(Path file) throws DicomReadException {
        DicomFile f = reader.open(file);
        if (!f.hasPixelData()) {
            throw new DicomReadException(file, "no pixel data");
        }
        if (f.pixelDescription().samplesPerPixel() != 1) {
            throw new DicomReadException(file, "colour image (" + f.pixelDescription().samplesPerPixel()
                    + " samples per pixel); the model takes greyscale");
        }
        PresentationParameters p = PresentationParametersReader.read(f);
        FramePixels frame = f.frame(0);
        float[] unit = ImagePresentation.toUnit(p, ImagePresentation.DEFAULT_VOI, frame);
        return AreaResize.resize(unit, frame.rows(), frame.columns(), size, size);
    }
}
