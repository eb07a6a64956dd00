package org.glassbox.app.cli;

import java.nio.file.Path;
import java.util.List;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomTags;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;

/** Small real DICOM files for CLI tests (written with the project's writer). */
final class SyntheticImages {
    private SyntheticImages() {
    }

    static DicomDataset deidentified(String sop, String series, String study) {
        return ImportBenchmark.cleanHeader(sop, series, study);
    }

    static void write(DicomDataset header, int rows, int columns, Path target) throws Exception {
        PixelDescription d = new PixelDescription(rows, columns, 1, 1, 16, 12, 11, false, "MONOCHROME2");
        int[] s = new int[rows * columns];
        for (int i = 0; i < s.length; i++) {
            s[i] = (i * 7) & 0xFFF;
        }
        DicomDataset ds = header.toBuilder()
                .put(DicomTags.SamplesPerPixel, "US", "1").put(DicomTags.PhotometricInterpretation, "CS", "MONOCHROME2")
                .put(DicomTags.Rows, "US", String.valueOf(rows)).put(DicomTags.Columns, "US", String.valueOf(columns))
                .put(DicomTags.BitsAllocated, "US", "16").put(DicomTags.BitsStored, "US", "12")
                .put(DicomTags.HighBit, "US", "11").put(DicomTags.PixelRepresentation, "US", "0").build();
        Dicom.writer().write(ds, List.of(new FramePixels(d, 0, s)), target);
    }
}
