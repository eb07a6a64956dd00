package org.glassbox.app.workflow;

import java.util.Objects;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomFile;
import org.glassbox.core.dicom.DicomReadException;
import org.glassbox.core.dicom.DicomTags;
import org.glassbox.core.imaging.GreyscalePipeline;
import org.glassbox.core.imaging.ImagePresentation;
import org.glassbox.core.imaging.PresentationParameters;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;

/**
 * One opened case: its file, pixel layout and presentation. Thread-safe (frames decode on demand).
 *
 * @param sopInstanceUid the instance
 * @param file           the opened file
 * @param pixels         layout after decompression (rows, columns, frames, …)
 * @param presentation   what the file says about display (modality LUT, VOI windows, MONOCHROME1)
 */
public record CaseImage(String sopInstanceUid, DicomFile file, PixelDescription pixels, PresentationParameters presentation) {
    public CaseImage {
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(presentation, "presentation");
    }

    public DicomDataset dataset() {
        return file.dataset();
    }

    /** Modality (0008,0060), or "" when absent. */
    public String modality() {
        String m = file.dataset().string(DicomTags.Modality);
        return m == null ? "" : m;
    }

    public int frames() {
        return pixels.frames();
    }

    /** Decodes frame {@code index} (0-based). */
    public FramePixels frame(int index) throws DicomReadException {
        return file.frame(index);
    }

    /**
     * The automatic display pipeline: the file's first VOI window, else its first VOI LUT, else the
     * frame's min–max; MONOCHROME1 / INVERSE inverted — the same pipeline the model's dicom-voi windowing uses.
     */
    public GreyscalePipeline automaticPipeline() {
        return ImagePresentation.of(presentation);
    }
}
