package org.glassbox.inference.preprocess;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.glassbox.core.dicom.DicomFile;
import org.glassbox.core.dicom.DicomReadException;
import org.glassbox.core.dicom.DicomReader;
import org.glassbox.core.dicom.PresentationParametersReader;
import org.glassbox.core.imaging.ModelInput;
import org.glassbox.core.imaging.ModelInputSpec;
import org.glassbox.core.imaging.PlanarImage;
import org.glassbox.core.imaging.PresentationParameters;
import org.glassbox.core.model.FramePixels;

/**
 * A DICOM file → one model input sample (C × H × W): the file's presentation parameters and its
 * first frame through {@link ModelInput}. Thread-safe (the reader is; nothing else is shared), so
 * several producer threads of a batch run share one.
 *
 * <p>Multi-frame files give their first frame: a score is per instance.
 */
public final class DicomPreprocessor {
    private final DicomReader reader;
    private final ModelInputSpec spec;
    private final List<Integer> inputShape;

    /** @param inputShape the model's [C, H, W]; a frame that does not come out at this size is refused */
    public DicomPreprocessor(DicomReader reader, ModelInputSpec spec, List<Integer> inputShape) {
        this.reader = reader;
        this.spec = spec;
        this.inputShape = List.copyOf(inputShape);
    }

    public ModelInputSpec spec() {
        return spec;
    }

    /**
     * @throws PreprocessException naming the file and the reason (undecodable, no pixel data, colour
     *                             frame for a grey model, size that does not fit the model)
     */
    public PlanarImage prepare(Path file) throws PreprocessException {
        try {
            DicomFile dicom = reader.open(file);
            if (!dicom.hasPixelData()) {
                throw new PreprocessException(file + ": no pixel data");
            }
            PresentationParameters parameters = PresentationParametersReader.read(dicom);
            FramePixels frame = dicom.frame(0);
            PlanarImage image = ModelInput.prepare(spec, parameters, frame);
            if (image.channels() != inputShape.get(0) || image.height() != inputShape.get(1) || image.width() != inputShape.get(2)) {
                throw new PreprocessException(file + ": preprocessing gives " + image.channels() + "x" + image.height() + "x" + image.width()
                        + " from a " + frame.rows() + "x" + frame.columns() + " frame; the model takes " + inputShape
                        + (spec.resize() == null ? " (its package has no resize step)" : ""));
            }
            return image;
        } catch (DicomReadException e) {
            throw new PreprocessException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new PreprocessException(file + ": " + e.getMessage(), e);
        }
    }

    /** A file that cannot become a model input. */
    public static final class PreprocessException extends Exception {
        private static final long serialVersionUID = 1L;

        public PreprocessException(String message) {
            super(message);
        }

        public PreprocessException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public String toString() {
        return "DicomPreprocessor" + Arrays.toString(inputShape.toArray());
    }
}
